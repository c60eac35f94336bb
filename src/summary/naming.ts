// How a fix names what to change: the Action's inputs (`ca-certificate`), or
// the command line's flags and environment variables (`--ca-certificate
// (LXCA_CA_CERTIFICATE)`). Every fix is written once and named the reader's way.
import { envName, Input, type InputName } from '../settings/names.js'

export interface Naming {
  /** An input as the reader sets it; with a value, the setting itself (`auth-method: session`). */
  input(name: InputName, value?: string): string
  /** The username and password, as the reader gives them. */
  readonly credentials: string
  /** Where the CSV rows to upload again are. */
  readonly failedRows: string
}

export const ACTION_NAMING: Naming = {
  input: (name, value) => (value === undefined ? name : `${name}: ${value}`),
  credentials: 'the username and password inputs (and the secrets they come from)',
  failedRows: 'the failed-csv output'
}

export const CLI_NAMING: Naming = {
  input: (name, value) =>
    value === undefined ? `--${name} (${envName(name)})` : `--${name} ${value} (${envName(name)}=${value})`,
  credentials: `${envName(Input.Username)} and ${envName(Input.Password)} (or --username and --password)`,
  failedRows: 'the file --failed-csv writes'
}
