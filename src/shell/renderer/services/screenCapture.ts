/** Longest side of an image sent to the model; larger screenshots cost tokens without helping. */
const MAX_SIDE = 1600;

function toDataUrl(source: CanvasImageSource, width: number, height: number): string {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  canvas.getContext('2d')!.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}

/** Pasted or dropped image files as (downscaled) data URLs; other files are ignored. */
export async function readImageFiles(files: Iterable<File>): Promise<string[]> {
  const images = [...files].filter((f) => f.type.startsWith('image/'));
  return Promise.all(
    images.map(async (file) => {
      const bitmap = await createImageBitmap(file);
      try {
        return toDataUrl(bitmap, bitmap.width, bitmap.height);
      } finally {
        bitmap.close();
      }
    }),
  );
}

/**
 * One frame of a screen or window the user picks. Both shells use getDisplayMedia: the browser shows its own
 * picker; Electron answers it in the main process with desktopCapturer (src/shell/electron/displayCapture.ts).
 */
export async function captureScreen(): Promise<string | undefined> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  try {
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    return toDataUrl(video, video.videoWidth, video.videoHeight);
  } finally {
    stream.getTracks().forEach((t) => t.stop());
  }
}
