// Durations as people write them in workflow files: `500ms`, `90s`, `15m`,
// `1h30m`, `2d`; a bare number is seconds (what `timeout-minutes` users expect
// of a unit-less value in seconds-based tools such as curl and kubectl).

const UNIT_MS: Record<string, number> = {
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1
}

// Units must come largest first and at most once each: `1h30m`, not `30m1h`.
const DURATION =
  /^(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/
const UNITS_IN_ORDER = ['d', 'h', 'm', 's', 'ms']

/** Milliseconds, or undefined when `text` is not a duration. */
export function parseDuration(text: string): number | undefined {
  const compact = text.replace(/\s+/g, '').toLowerCase()
  if (compact === '') return undefined
  if (/^\d+(?:\.\d+)?$/.test(compact)) return Math.round(Number(compact) * 1000)
  const match = DURATION.exec(compact)
  if (!match) return undefined
  let total = 0
  UNITS_IN_ORDER.forEach((unit, index) => {
    const amount = match[index + 1]
    if (amount !== undefined) total += Number(amount) * UNIT_MS[unit]
  })
  return Math.round(total)
}

/** A short human duration: `850 ms`, `12.5 s`, `4m 12s`, `1h 5m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${trimZero((ms / 1000).toFixed(1))} s`
  const totalSeconds = Math.round(ms / 1000)
  const days = Math.floor(totalSeconds / 86_400)
  const hours = Math.floor((totalSeconds % 86_400) / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  if (days > 0) return `${days}d ${hours}h`
  if (hours > 0) return `${hours}h ${minutes}m`
  return `${minutes}m ${seconds}s`
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text
}
