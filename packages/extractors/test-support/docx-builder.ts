import { strToU8, zipSync } from 'fflate';

const NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';

/** A paragraph element with an optional paragraph style and runs of raw WordprocessingML. */
export const paragraph = (runs: string, style?: string, extraProperties = ''): string =>
  `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${extraProperties}</w:pPr>${runs}</w:p>`;

/** A run holding already escaped text. */
export const run = (escapedText: string): string => `<w:r><w:t xml:space="preserve">${escapedText}</w:t></w:r>`;

/** A paragraph style definition for `word/styles.xml`. */
export const paragraphStyle = (id: string, name: string, extra = ''): string =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>${extra}</w:style>`;

/** A DOCX archive as Word writes it: content types, body, and optionally styles and core properties. */
export const buildDocx = (body: string, parts: { styles?: string; title?: string } = {}): Uint8Array => {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NAMESPACES}><w:body>${body}</w:body></w:document>`,
    ),
  };
  if (parts.styles !== undefined) {
    files['word/styles.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:styles ${NAMESPACES}>${parts.styles}</w:styles>`,
    );
  }
  if (parts.title !== undefined) {
    files['docProps/core.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${parts.title}</dc:title></cp:coreProperties>`,
    );
  }
  return zipSync(files);
};
