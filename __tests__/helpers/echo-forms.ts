// A secret as typed, as our Markdown writes it, and as a careless appliance
// echoes it (the simulator's echo fault writes these): written out here, not
// taken from the code under test, so that a test of the scrubbing cannot
// share its mistakes.
import { escapeMarkdown } from '../../src/report/markdown/escape.js'

export function echoedForms(secret: string): string[] {
  return [
    secret,
    escapeMarkdown(secret, 1_000),
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    [...secret].map(char => `&#${char.codePointAt(0)};`).join(''),
    Buffer.from(secret).toString('base64'),
    secret.toUpperCase()
  ]
}
