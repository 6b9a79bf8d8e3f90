import fc from 'fast-check';
import { SPACE_MARKER } from '../../src/tokenizer/vocabulary.ts';

/**
 * Text the SPM scheme can represent: valid Unicode (no lone surrogates) without U+2581, the space
 * marker itself, which SPM turns into a space (Llama 2's tokenizer does the same).
 */
export const representableText = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: fc.constantFrom(' ', 'a', 'e', 't', 'h', '.', '\n', 'é', '🙂', '<', '>', 's', '0', 'x'), maxLength: 40 }),
    fc.constantFrom('The student essay', '  leading spaces', 'trailing  ', '<s></s><unk><0x41>', '👩‍🎓 naïve café 日本語', '\u0000\t\r\n'),
  )
  .map((s) => s.replaceAll(SPACE_MARKER, ''));
