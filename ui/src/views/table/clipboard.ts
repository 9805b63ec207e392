// The system clipboard for the Table view's Ctrl+C and Ctrl+V. WebKit runs copy and
// paste only where text can be selected or typed, and the grid is neither: on the key
// press, focus moves to an off-screen text area (holding the text to copy, or empty
// to receive the paste), the browser's own copy or paste runs there, and focus comes
// back to the grid. No permission prompt and no plugin are needed. DOM only; what the
// text means is ./tsv.ts's and the core's business.

let sink: HTMLTextAreaElement | null = null;

function textArea(): HTMLTextAreaElement {
  if (sink?.isConnected) return sink;
  sink = document.createElement('textarea');
  sink.setAttribute('aria-hidden', 'true');
  sink.tabIndex = -1;
  sink.className = 'clipboard-sink';
  document.body.appendChild(sink);
  return sink;
}

/** Call from the Ctrl+C keydown, without preventing it: the browser copies `text`. */
export function copyOnThisKey(text: string, back: HTMLElement): void {
  const area = textArea();
  area.value = text;
  area.focus({ preventScroll: true });
  area.select();
  const onCopy = (e: ClipboardEvent) => {
    // Set the data too, in case the browser copies only part of a long selection.
    e.clipboardData?.setData('text/plain', text);
    e.preventDefault();
  };
  area.addEventListener('copy', onCopy);
  setTimeout(() => {
    area.removeEventListener('copy', onCopy);
    area.value = '';
    back.focus({ preventScroll: true });
  }, 0);
}

/** Call from the Ctrl+V keydown, without preventing it: `onText` gets the pasted text. */
export function pasteOnThisKey(back: HTMLElement, onText: (text: string) => void): void {
  const area = textArea();
  area.value = '';
  area.focus({ preventScroll: true });
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    area.removeEventListener('paste', onPaste);
    area.value = '';
    back.focus({ preventScroll: true });
  };
  const onPaste = (e: ClipboardEvent) => {
    e.preventDefault();
    const text = e.clipboardData?.getData('text/plain') ?? '';
    finish();
    onText(text);
  };
  area.addEventListener('paste', onPaste);
  // The clipboard may answer after the key press: wait a moment before giving up.
  setTimeout(finish, 1000);
}
