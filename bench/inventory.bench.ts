// `npm run bench` (part): the appliance's inventory at the largest size a
// step can meet. An inventory of 15,000 managed servers (every field the
// match reads, a third with IPv6 addresses, host names and DNS names), read
// from its JSON body; then 15,000 CSV rows (addresses in three spellings,
// host names, serial numbers) matched to it for skip-managed, and 15,000 job
// devices for verify-inventory; and 15,000 rows of IPv4 addresses only, as
// most CSVs are. Prints the median and p95 of each stage.
// Targets: matching 15,000 rows ≤ 50 ms median (the whole plan),
// the answer under the 64 MiB body bound. Exits 1 when a target is missed.
import { parseCsv, type CsvFile } from '../src/import/csv.js'
import { parseInventory, type InventoryDevice } from '../src/lxca/inventory.js'
import { jobDevicesInInventory } from '../src/outcome/inventory-match.js'
import { planSkip } from '../src/outcome/inventory.js'
import { DEFAULT_MAX_BODY } from '../src/http/transport.js'

const DEVICES = 15_000
const TARGET_MATCH_MS = 50

const ipv4 = (i: number): string => `10.${Math.floor(i / 62_500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`
const ipv6 = (i: number): string => `fd00:0:0:0:0:0:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}`
const uuid = (i: number): string => i.toString(16).toUpperCase().padStart(32, '0')

/** One managed server as GET /nodes lists it with includeAttributes. */
function node(i: number): Record<string, unknown> {
  const six = i % 3 === 0
  return {
    uuid: uuid(i),
    name: `rack${Math.floor(i / 40)}-node${i % 40}`,
    hostname: `rack${Math.floor(i / 40)}-node${i % 40}.dc.example.com`,
    type: 'Rack-Tower Server',
    serialNumber: `J30${i.toString(36).toUpperCase().padStart(5, '0')}`,
    machineType: '7X06',
    mgmtProcIPaddress: ipv4(i),
    ipv4Addresses: [ipv4(i), `192.168.${i % 250}.${(i % 200) + 1}`],
    ipv6Addresses: six ? [ipv6(i), `fe80::${i.toString(16)}`] : [],
    dnsHostnames: [`rack${Math.floor(i / 40)}-node${i % 40}.dc.example.com`],
    accessState: i % 97 === 0 ? 'Offline' : 'Online',
    status: { name: 'MANAGED', message: 'managed' }
  }
}

/** 15,000 rows: half managed already, named by address (IPv4 or IPv6 spelt long), host name or serial number. */
function csv(): CsvFile {
  const lines = ['Type,IP Address,Display Name,Serial Number,User ID,Password']
  for (let row = 0; row < DEVICES; row++) {
    const i = row % 2 === 0 ? row : DEVICES + row // odd rows are new servers
    const address =
      row % 5 === 0 && i % 3 === 0
        ? ipv6(i).toUpperCase().replace(/:0:/g, ':0000:')
        : row % 7 === 0
          ? `rack${Math.floor(i / 40)}-node${i % 40}.dc.example.com`
          : ipv4(i)
    const serial = row % 11 === 0 ? `J30${i.toString(36).toUpperCase().padStart(5, '0')}` : ''
    lines.push(`server,${address},node-${row},${serial},USERID,Bmc-${row}`)
  }
  const parsed = parseCsv('servers.csv', Buffer.from(`${lines.join('\r\n')}\r\n`))
  if ('problem' in parsed) throw new Error(parsed.problem)
  return parsed
}

/** 15,000 rows of IPv4 addresses only, as most CSVs are: half managed already. */
function addressesOnly(): CsvFile {
  const lines = ['Type,IP Address,User ID,Password']
  for (let row = 0; row < DEVICES; row++)
    lines.push(`server,${ipv4(row % 2 === 0 ? row : DEVICES + row)},USERID,Bmc-${row}`)
  const parsed = parseCsv('servers.csv', Buffer.from(`${lines.join('\r\n')}\r\n`))
  if ('problem' in parsed) throw new Error(parsed.problem)
  return parsed
}

function timed<T>(runs: number, work: () => T): { medianMs: number; p95Ms: number; value: T } {
  let value = work() // warm-up
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    value = work()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { medianMs: times[Math.floor(times.length / 2)], p95Ms: times[Math.ceil(times.length * 0.95) - 1], value }
}

const body = Buffer.from(JSON.stringify({ nodeList: Array.from({ length: DEVICES }, (_, i) => node(i)) }))
const read = timed(9, () => {
  const parsed = parseInventory(JSON.parse(body.toString('utf8')), 'nodes')
  if (!parsed.ok) throw new Error(parsed.problem)
  return parsed.devices
})
const devices: readonly InventoryDevice[] = read.value
const file = csv()
const source = { path: file.path, rows: file.rows }
const match = timed(15, () => planSkip([source], devices))
const plain = addressesOnly()
const matchPlain = timed(15, () => planSkip([{ path: plain.path, rows: plain.rows }], devices))
const jobDevices = Array.from({ length: DEVICES }, (_, i) => ({
  address: ipv4(i),
  uuid: i % 2 === 0 ? uuid(i) : undefined,
  done: true,
  steps: []
}))
const verify = timed(15, () => jobDevicesInInventory(jobDevices, devices).size)

const plan = match.value
console.log(`The appliance's inventory: ${DEVICES.toLocaleString('en-US')} servers (Node ${process.version})\n`)
console.log('| stage | median ms | p95 ms |')
console.log('|---|--:|--:|')
console.log(
  `| read GET /nodes (${(body.length / 1024 / 1024).toFixed(1)} MiB, JSON.parse + parseInventory) | ${read.medianMs.toFixed(1)} | ${read.p95Ms.toFixed(1)} |`
)
console.log(
  `| skip-managed: ${file.rows.length.toLocaleString('en-US')} rows matched | ${match.medianMs.toFixed(1)} | ${match.p95Ms.toFixed(1)} |`
)
console.log(
  `| skip-managed: ${plain.rows.length.toLocaleString('en-US')} rows of IPv4 addresses only | ${matchPlain.medianMs.toFixed(1)} | ${matchPlain.p95Ms.toFixed(1)} |`
)
console.log(
  `| verify-inventory: ${DEVICES.toLocaleString('en-US')} job devices matched | ${verify.medianMs.toFixed(1)} | ${verify.p95Ms.toFixed(1)} |`
)
console.log(
  `\n${plan.skipped.length.toLocaleString('en-US')} rows managed and Online, ${plan.notOnline.length} managed but not Online, ${plan.toImport.size.toLocaleString('en-US')} to import; ${verify.value.toLocaleString('en-US')} job devices found.`
)

const missed = [
  ...[match, matchPlain]
    .filter(item => item.medianMs > TARGET_MATCH_MS)
    .map(item => `matching 15,000 rows: ${item.medianMs.toFixed(1)} ms`),
  ...(body.length > DEFAULT_MAX_BODY ? [`the inventory answer: ${body.length} bytes over the body bound`] : []),
  // The plan must be the one the rows say: half managed (a few of them Offline), half new.
  ...(plan.skipped.length + plan.notOnline.length !== DEVICES / 2 ? ['the match found the wrong rows'] : []),
  ...(verify.value !== DEVICES ? ['verify-inventory did not find every job device'] : [])
]
if (missed.length > 0) {
  console.error(`\nTargets missed:\n- ${missed.join('\n- ')}`)
  process.exitCode = 1
} else {
  console.log(`\nTargets met: 15,000 rows matched ≤ ${TARGET_MATCH_MS} ms; the answer under the body bound.`)
}
