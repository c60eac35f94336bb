// Input and output names are the action's public contract (action.yml and the
// README list the same names; a test keeps the three in step). Code refers to
// them through these constants so a name is never a bare string elsewhere.

export const Input = {
  Host: 'host',
  Username: 'username',
  Password: 'password',
  JobId: 'job-id',
  CsvFile: 'csv-file',
  ValidationOnly: 'validation-only',
  JobType: 'job-type',
  Timeout: 'timeout',
  PollInterval: 'poll-interval',
  RequestTimeout: 'request-timeout',
  CaCertificate: 'ca-certificate',
  SuccessResults: 'success-results',
  MaxRetries: 'max-retries',
  AuthMethod: 'auth-method',
  TlsServerName: 'tls-server-name',
  TlsFingerprint: 'tls-fingerprint',
  InsecureSkipTlsVerify: 'insecure-skip-tls-verify',
  AllowedFailures: 'allowed-failures',
  SkipManaged: 'skip-managed',
  VerifyInventory: 'verify-inventory',
  InventoryWait: 'inventory-wait'
} as const
export type InputName = (typeof Input)[keyof typeof Input]

export const Output = {
  Status: 'status',
  JobId: 'job-id',
  Result: 'result',
  Progress: 'progress',
  Devices: 'devices',
  Succeeded: 'succeeded',
  Failed: 'failed',
  FailedDevices: 'failed-devices',
  Report: 'report',
  SummaryFile: 'summary-file',
  FailedCsv: 'failed-csv',
  SucceededDevices: 'succeeded-devices',
  DevicesFile: 'devices-file',
  JunitFile: 'junit-file',
  AlreadyManaged: 'already-managed'
} as const
export type OutputName = (typeof Output)[keyof typeof Output]

/** The command line's environment variable for an input: `job-id` → `LXCA_JOB_ID`. */
export function envName(input: InputName): string {
  return `LXCA_${input.toUpperCase().replace(/-/g, '_')}`
}
