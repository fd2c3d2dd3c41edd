import { desktopCapturer, session } from 'electron';
import { isAppUrl } from './security.ts';

/**
 * Answers the workbench's getDisplayMedia (the Assistant's "Capture screen") with desktopCapturer: the OS picker
 * where Electron has one (macOS), else the primary screen. Video only, only for Sotto's own page.
 */
export function allowDisplayCapture(): void {
  session.defaultSession.setDisplayMediaRequestHandler(
    (request, callback) => {
      if (!isAppUrl(request.frame?.url) || !request.videoRequested) return callback({});
      desktopCapturer.getSources({ types: ['screen', 'window'] }).then(
        (sources) => callback(sources[0] ? { video: sources[0] } : {}),
        () => callback({}),
      );
    },
    { useSystemPicker: true },
  );
}
