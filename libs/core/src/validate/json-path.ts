/**
 * Converts ajv's JSON Pointer (`/answers/2/text`) into the dotted path people read
 * (`answers[2].text`), appending a missing property's name when there is one.
 */
export function pointerToPath(pointer: string, missingProperty?: string): string {
  let path = '';
  const segments = pointer === '' ? [] : pointer.slice(1).split('/');
  if (missingProperty !== undefined) segments.push(missingProperty);
  for (const raw of segments) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}
