import { DocentError } from '../errors.ts';

/**
 * The one `payload_too_large` for a file over the upload limit, whichever layer notices first (the
 * HTTP body cap, the multipart parser, the domain's size check), so clients read one text and one
 * `details.maxBytes`.
 */
export const fileTooLarge = (maxBytes: number): DocentError =>
  new DocentError('payload_too_large', `Files may be at most ${maxBytes} bytes.`, { details: { maxBytes } });
