/** Normalises a keyboard event to the manifest's keybinding syntax, e.g. "mod+shift+k". `mod` is ⌘ on macOS, Ctrl elsewhere. */
export function keybindingOf(event: KeyboardEvent, isMac = /Mac/.test(navigator.platform)): string {
  const parts: string[] = [];
  if (isMac ? event.metaKey : event.ctrlKey) parts.push('mod');
  if (isMac && event.ctrlKey) parts.push('ctrl');
  if (!isMac && event.metaKey) parts.push('meta');
  if (event.altKey) parts.push('alt');
  if (event.shiftKey) parts.push('shift');
  parts.push(event.key.length === 1 ? event.key.toLowerCase() : event.key.toLowerCase().replace('arrow', ''));
  return parts.join('+');
}

export function describeKeybinding(binding: string, isMac = /Mac/.test(navigator.platform)): string {
  return binding
    .split('+')
    .map((part) => (part === 'mod' ? (isMac ? '⌘' : 'Ctrl') : part.length === 1 ? part.toUpperCase() : part[0].toUpperCase() + part.slice(1)))
    .join(isMac ? '' : '+');
}
