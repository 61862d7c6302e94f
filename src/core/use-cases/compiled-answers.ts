// Compiled free-text answers (utvärderingar, hemuppgifter): one text per question with every answer, each
// as "name: text". A card cannot hold everything (Slack allows 3,000 characters per section), so the text
// stops before the limit and says how many answers did not fit.
import { format } from '../../i18n/index.js';

/** Below Slack's 3,000 characters per section, with room for the closing note. */
const COMPILED_MAX = 2800;

export function compileAnswers(lines: string[], moreTemplate: string, max = COMPILED_MAX): string {
  const shown: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 2 > max) break;
    shown.push(line);
    length += line.length + 2;
  }
  const left = lines.length - shown.length;
  return left > 0 ? [...shown, format(moreTemplate, { count: left })].join('\n\n') : shown.join('\n\n');
}
