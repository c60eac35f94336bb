// The steps of a device management job, in order, as LXCA's own example
// lists them (ids, short and long descriptions, message ids): the tree every
// simulated device reports.
export interface StepSpec {
  readonly id: string
  readonly short: string
  readonly long: string
  readonly messageID: string
  readonly children?: readonly StepSpec[]
}

const step = (id: string, short: string, long: string, message: number, children?: StepSpec[]): StepSpec => ({
  id,
  short,
  long,
  messageID: `${message}_SHORT`,
  children
})

/** The steps of a device management job, in order (from LXCA's own example). */
export const MANAGEMENT_STEPS: readonly StepSpec[] = [
  step('STARTING', 'Starting', 'Starting device management job', 1000),
  step('NETWORK_CHOICE', 'Network choice', 'Choosing best network path to manage the device', 1001),
  step('DESCRIPTOR', 'Descriptor', 'Creating hardware descriptor', 1002),
  step('LOGIN', 'Login', 'Logging in to device', 1003),
  step('DUPLICATE_CHECK', 'Duplicate check', 'Checking for duplicates of device management', 1004),
  step('INVENTORY', 'Inventory', 'Collecting device inventory', 1005, [
    step('INV_CHASSIS', 'Chassis inventory', 'Collecting chassis inventory', 1006),
    step('INV_NODES', 'Node inventory', 'Collecting node inventory', 1007),
    step('INV_IOMS', 'I/O module inventory', 'Collection I/O module inventory', 1008)
  ]),
  step('INTEROP_CHECK', 'Interoperability check', 'Verifying device interoperability', 1009),
  step('CONFIGURATION', 'Configuration', 'Configuring device for management', 1010, [
    step('CFG_NTP', 'NTP', 'Configuring NTP', 1011),
    step(
      'CFG_DNS_UPD',
      'Updating DNS servers ip addresses on CMM',
      'Updating DNS servers ip addresses on CMM as part of the manage chassis process.',
      1067
    ),
    step('CFG_SECURITY', 'Security', 'Configuring security', 1012),
    step('CFG_CMGMT', 'Centralized management', 'Putting device under centralized management', 1013)
  ]),
  step('CFG_CABINET', 'Configuring Hardware location', 'Configuring Hardware location', 1097),
  step('MANAGESTOP', 'Finishing', 'Finishing device management job', 1099)
]

export const LEAVES: readonly string[] = MANAGEMENT_STEPS.flatMap(node =>
  (node.children ?? [node]).map(leaf => leaf.id)
)
export const STEP_IDS: readonly string[] = MANAGEMENT_STEPS.flatMap(node => [
  node.id,
  ...(node.children ?? []).map(leaf => leaf.id)
])

export function isStepId(id: string): boolean {
  return STEP_IDS.includes(id)
}

export function firstLeafIndex(id: string): number {
  const spec = MANAGEMENT_STEPS.find(item => item.id === id)
  const leafId = spec?.children ? spec.children[0].id : id
  const index = LEAVES.indexOf(leafId)
  if (index < 0) throw new Error(`unknown step id ${id}; expected one of ${STEP_IDS.join(', ')}`)
  return index
}
