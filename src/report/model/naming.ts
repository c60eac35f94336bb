// How a fix names what to change: the Action's inputs (`ca-certificate`), or
// the command line's flags and environment variables (`--ca-certificate
// (LXCA_CA_CERTIFICATE)`). Every fix is written once and named the reader's way.
import { envName, Input, type InputName } from '../../settings/input-output-names.js'

export interface Naming {
  /** An input as the reader sets it; with a value, the setting itself (`auth-method: session`). */
  input(name: InputName, value?: string): string
  /** The username and password, as the reader gives them. */
  readonly credentials: string
  /** Where the CSV rows to upload again are. */
  readonly failedRows: string
  /** How to wait for jobs already started instead of uploading again: a sentence, and a snippet to copy. */
  waitInstead(jobIds: readonly string[]): { readonly lead: string; readonly snippet: string; readonly language: string }
}

export const ACTION_NAMING: Naming = {
  input: (name, value) => (value === undefined ? name : `${name}: ${value}`),
  credentials: 'the username and password inputs (and the secrets they come from)',
  failedRows: 'the failed-csv output',
  waitInstead: jobIds => ({
    lead: `run this step with ${Input.JobId} in place of ${Input.CsvFile}`,
    snippet: `with:\n  ${Input.JobId}: '${jobIds.join(',')}'`,
    language: 'yaml'
  })
}

export const CLI_NAMING: Naming = {
  input: (name, value) =>
    value === undefined ? `--${name} (${envName(name)})` : `--${name} ${value} (${envName(name)}=${value})`,
  credentials: `${envName(Input.Username)} and ${envName(Input.Password)} (or --username and --password)`,
  failedRows: 'the file --failed-csv writes',
  waitInstead: jobIds => ({
    lead: `run the command with --${Input.JobId} in place of --${Input.CsvFile}`,
    snippet: `lxca-job-gate --${Input.JobId} ${jobIds.join(',')}`,
    language: 'sh'
  })
}
