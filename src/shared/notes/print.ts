import type { RecordedMeasureId } from '../domain/measure'
import { NOTE_SECTIONS, riskLabel, type ProgressNote, type Signature } from '../domain/note'
import { ATTENDANCE_STATUS_LABELS } from '../domain/session'
import { MEASURE_INFO } from '../measures/instruments'
import { clinicTimeOfDay, minutesText, type ClinicClock, type TimeFormat } from '../rules/dates'
import { attendanceText } from '../rules/requirements'
import { PART2_NOTICE, PART2_SOURCE } from './part2-notice'
import { disclosureHtml, type DisclosureScope } from '../consent/disclosure'
import { escapeHtml } from '../rules/html'
import { isolate, isolatedHtml } from '../rules/bidi'

/**
 * Progress notes as one printable HTML document: self-contained (inline style,
 * no script, nothing fetched), every note on its own page, every piece of text
 * escaped. Pure, so the same string feeds the print preview, printToPDF and tests.
 */

export interface PrintNote {
  participant: { displayName: string; fullName: string; clientId: string; dateOfBirth: string }
  note: ProgressNote
  /** The participant's treatment-plan goals, to label note.body.goals. */
  goals: Array<{ id: string; text: string }>
  /** From `attendanceFigures`, exactly as the summary and the reports show them. */
  attendance: {
    status: string
    timeIn: string | null
    timeOut: string | null
    countableMinutes: number
    late: boolean
    leftEarly: boolean
  }
  /** Measures given on the session's day. */
  measures: Array<{ measureId: RecordedMeasureId; total: number; band: string | null }>
  /** What the day recorded about the participant's safety, shown with the risk assessment. */
  safety: Array<{ at: string | null; text: string }>
}

export interface PrintInput {
  clinic: { name: string; timeZone: string; timeFormat?: TimeFormat }
  session: {
    groupName: string
    date: string
    startedAt: string | null
    endedAt: string | null
    presentCount: number
    modules: string[]
    /** Who led the session, as their signatures read. */
    facilitators: Array<{ name: string; credentials: string }>
  }
  groupPart: { topics: string; interventions: string; dynamics: string }
  notes: PrintNote[]
  /** A Part 2 record: the § 2.32 notice is printed on every page. */
  substanceUseRecord: boolean
  /** Printed for a recipient under a written consent: its scope goes at the top (§ 2.32(b)). */
  disclosure?: DisclosureScope | null
  printedAt: string
}

export { escapeHtml }

export function renderNotesHtml(input: PrintInput): string {
  const zone: ClinicClock = {
    timeZone: input.clinic.timeZone,
    timeFormat: input.clinic.timeFormat ?? '24h'
  }
  const title = `Group progress note — ${isolate(input.session.groupName)} — ${calendarDate(input.session.date)}`
  const footer = input.substanceUseRecord
    ? `<footer class="part2" role="contentinfo"><p class="part2-title">Notice: 42 CFR part 2 record</p>` +
      `<p class="part2-text">${escapeHtml(PART2_NOTICE)}</p>` +
      `<p class="part2-source">${escapeHtml(PART2_SOURCE)}</p></footer>`
    : ''
  const pages = input.notes.map((entry) => renderNote(input, entry, zone)).join('\n')
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${stylesheet(input.substanceUseRecord)}</style>`,
    '</head>',
    `<body${input.substanceUseRecord ? ' class="with-part2"' : ''}>`,
    input.disclosure ? disclosureHtml(input.disclosure) : '',
    pages,
    footer,
    '</body>',
    '</html>'
  ].join('\n')
}

function renderNote(input: PrintInput, entry: PrintNote, zone: ClinicClock): string {
  const { note, participant } = entry
  const { session, groupPart } = input
  const late = note.lateEntry ? '<p class="late">LATE ENTRY</p>' : ''
  return `<article class="note">
<header class="note-head">
<p class="confidential">CONFIDENTIAL — protected health information${
    input.substanceUseRecord ? ' and a 42 CFR part 2 substance use disorder record' : ''
  }. Do not disclose without authorization.</p>
<p class="clinic">${input.clinic.name.trim() ? isolatedHtml(input.clinic.name) : '—'}</p>
<h1>Group progress note</h1>
${late}
<p class="printed">Printed ${escapeHtml(instantText(input.printedAt, zone))}</p>
</header>
<section>
<h2>Participant</h2>
<dl class="facts">
${fact('Name', participant.fullName)}
${fact('Client ID', participant.clientId)}
${fact('Date of birth', calendarDate(participant.dateOfBirth))}
</dl>
</section>
<section>
<h2>Session</h2>
<dl class="facts">
${fact('Group', session.groupName)}
${fact('Date', calendarDate(session.date))}
${fact('Start – stop', startStop(session.startedAt, session.endedAt, zone))}
${fact('Duration', duration(session.startedAt, session.endedAt))}
${fact('Participants present', String(session.presentCount))}
${factHtml('Facilitators', facilitatorsHtml(session.facilitators))}
</dl>
</section>
<section>
<h2>Group part (the same for every participant)</h2>
${block('Topics', groupPart.topics)}
${session.modules.length > 0 ? list('Curriculum modules', session.modules) : ''}
${block('Interventions', groupPart.interventions)}
${block('Group dynamics', groupPart.dynamics)}
</section>
<section>
<h2>Individual part (${escapeHtml(note.format)})</h2>
${NOTE_SECTIONS[note.format].map((s) => block(s.label, note.body.sections[s.key] ?? '')).join('\n')}
</section>
<section>
<h2>Treatment-plan goals addressed</h2>
${goalsHtml(entry)}
</section>
<section>
<h2>Measures given this day</h2>
${measuresHtml(entry)}
</section>
<section>
<h2>Risk assessment and follow-up</h2>
${safetyHtml(entry, zone)}
<dl class="facts">${fact('Risk', riskLabel(note.body.risk))}</dl>
${block('Risk notes', note.body.riskText)}
${block('Follow-up', note.body.followUp)}
</section>
<section>
<h2>Attendance</h2>
<dl class="facts">
${fact('Status', attendanceText(attendanceLabel(entry.attendance.status), entry.attendance))}
${fact('Time in', entry.attendance.timeIn ? instantTime(entry.attendance.timeIn, zone) : 'Not recorded')}
${fact('Time out', entry.attendance.timeOut ? instantTime(entry.attendance.timeOut, zone) : 'Not recorded')}
${fact('Countable minutes', String(entry.attendance.countableMinutes))}
</dl>
</section>
${signatureHtml(note, zone)}
${addendaHtml(note, zone)}
</article>`
}

function goalsHtml(entry: PrintNote): string {
  const rows = entry.note.body.goals
  if (rows.length === 0)
    return '<p class="empty">No treatment-plan goals recorded for this session.</p>'
  const items = rows.map((g) => {
    const goal = entry.goals.find((x) => x.id === g.goalId)
    const label = goal ? goal.text : 'A goal no longer in the treatment plan'
    const state = g.addressed ? 'Addressed' : 'Not addressed this session'
    return `<li><p class="goal">${isolatedHtml(label)} <span class="goal-state">(${state})</span></p>${
      g.progress.trim() ? `<div class="text">${text(g.progress)}</div>` : ''
    }</li>`
  })
  return `<ul class="goals">${items.join('')}</ul>`
}

function facilitatorsHtml(people: Array<{ name: string; credentials: string }>): string {
  if (people.length === 0) return '—'
  return people.map((p) => whoHtml(p.name, p.credentials)).join('; ')
}

/** "Name, LPC", the name isolated so credentials and dates after it keep their direction. */
function whoHtml(name: string, credentials: string): string {
  return [name, credentials]
    .filter((s) => s.trim())
    .map(isolatedHtml)
    .join(', ')
}

function measuresHtml(entry: PrintNote): string {
  if (entry.measures.length === 0) return '<p class="empty">No measures given this day.</p>'
  const items = entry.measures.map((m) => {
    const instrument = MEASURE_INFO[m.measureId]
    const band = instrument?.bands.find((b) => b.key === m.band)?.label
    const name = instrument?.name ?? m.measureId
    return `<li>${escapeHtml(name)}: ${m.total}${band ? ` (${escapeHtml(band)})` : ''}</li>`
  })
  return `<ul class="measures">${items.join('')}</ul>`
}

/** The day's safety events, so the risk level is read beside what prompted it. */
function safetyHtml(entry: PrintNote, zone: ClinicClock): string {
  if (entry.safety.length === 0) return ''
  const items = entry.safety.map(
    (s) =>
      `<li>${s.at ? `${escapeHtml(instantTime(s.at, zone))}: ` : ''}${s.text.trim() ? isolatedHtml(s.text) : '—'}</li>`
  )
  return `<div class="block"><h3>Recorded this day</h3><ul class="safety">${items.join('')}</ul></div>`
}

function signatureHtml(note: ProgressNote, zone: ClinicClock): string {
  const lines: string[] = []
  if (note.signature === null || note.state === 'draft') {
    lines.push('<p class="unsigned">Unsigned draft</p>')
    lines.push('<p>This note has not been signed and is not part of the record.</p>')
  } else {
    lines.push(`<p class="signed">${signedLine('Electronically signed', note.signature, zone)}</p>`)
    if (note.cosignature) {
      lines.push(`<p class="signed">${signedLine('Co-signed', note.cosignature, zone)}</p>`)
    } else if (note.state === 'awaiting_cosignature') {
      lines.push('<p class="unsigned">Awaiting supervisor co-signature</p>')
    }
  }
  return `<section class="signature"><h2>Signature</h2>${lines.join('\n')}</section>`
}

function addendaHtml(note: ProgressNote, zone: ClinicClock): string {
  if (note.addenda.length === 0) return ''
  const items = note.addenda.map(
    (a, i) =>
      `<li class="addendum"><h3>Addendum ${i + 1} — ${escapeHtml(instantText(a.signature.at, zone))}</h3>` +
      `<div class="text">${text(a.text)}</div>` +
      `<p class="signed">${signedLine('Electronically signed', a.signature, zone)}</p></li>`
  )
  return `<section class="addenda"><h2>Addenda</h2><ol>${items.join('\n')}</ol></section>`
}

function signedLine(verb: string, signature: Signature, zone: ClinicClock): string {
  const who = whoHtml(signature.name, signature.credentials)
  return `${verb} by ${who || '—'} on ${escapeHtml(instantText(signature.at, zone))}`
}

/** One fact: its value is isolated, since a name's direction must not reach the next fact. */
function fact(label: string, value: string): string {
  return factHtml(label, value.trim() ? isolatedHtml(value) : '—')
}

function factHtml(label: string, html: string): string {
  return `<div><dt>${escapeHtml(label)}</dt><dd>${html}</dd></div>`
}

function block(label: string, value: string): string {
  const body = value.trim()
    ? `<div class="text">${text(value)}</div>`
    : '<p class="empty">Not written.</p>'
  return `<div class="block"><h3>${escapeHtml(label)}</h3>${body}</div>`
}

function list(label: string, values: string[]): string {
  const items = values.map((v) => `<li>${v.trim() ? isolatedHtml(v) : '—'}</li>`).join('')
  return `<div class="block"><h3>${escapeHtml(label)}</h3><ul>${items}</ul></div>`
}

/** Escaped text; an empty value prints as a dash so a blank is visibly blank. */
function text(value: string): string {
  return value.trim() ? escapeHtml(value) : '—'
}

function attendanceLabel(status: string): string {
  return Object.hasOwn(ATTENDANCE_STATUS_LABELS, status)
    ? ATTENDANCE_STATUS_LABELS[status as keyof typeof ATTENDANCE_STATUS_LABELS]
    : status
}

/** "March 14, 2026" from YYYY-MM-DD; anything else is printed as given. */
function calendarDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return date
  const instant = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'long' }).format(instant)
}

function parseInstant(iso: string): number | null {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

/** "March 14, 2026 17:42 EDT" (or "5:42 PM EDT") on the clinic's clock. */
function instantText(iso: string, zone: ClinicClock): string {
  const ms = parseInstant(iso)
  if (ms === null) return iso
  const date = new Intl.DateTimeFormat('en-US', {
    timeZone: zone.timeZone,
    dateStyle: 'long'
  }).format(ms)
  return `${date} ${instantTime(iso, zone)}`
}

/** "17:42 EDT" (or "5:42 PM EDT") on the clinic's clock, as the clinic writes times. */
function instantTime(iso: string, zone: ClinicClock): string {
  const ms = parseInstant(iso)
  if (ms === null) return iso
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone.timeZone, timeZoneName: 'short' })
    .formatToParts(ms)
    .find((part) => part.type === 'timeZoneName')?.value
  const time = clinicTimeOfDay(ms, zone.timeZone, zone.timeFormat)
  return name ? `${time} ${name}` : time
}

function startStop(startedAt: string | null, endedAt: string | null, zone: ClinicClock): string {
  const start = startedAt ? instantTime(startedAt, zone) : 'not recorded'
  const stop = endedAt ? instantTime(endedAt, zone) : 'not recorded'
  return `${start} – ${stop}`
}

function duration(startedAt: string | null, endedAt: string | null): string {
  const start = startedAt ? parseInstant(startedAt) : null
  const end = endedAt ? parseInstant(endedAt) : null
  if (start === null || end === null || end < start) return 'Not recorded'
  return minutesText(end - start)
}

/*
 * Letter with 23 mm side margins leaves 170 mm of width, which A4 also holds.
 * The Part 2 footer is position: fixed, which Chromium repeats on every printed
 * page, pinned to the bottom of the page area with a fixed height: should the
 * notice ever need more room (another font), it runs down into the page's bottom
 * margin, never up into the note. Every note reserves that height plus a gap at
 * the foot of each of its pages (padding cloned onto every page fragment), so
 * note text stops above the notice whatever margins the printing host applies.
 * Measured in Chromium with Arial metrics: the notice takes 33 mm at 6.6 pt.
 */
const FOOTER_MM = 35
const FOOTER_GAP_MM = 3

function stylesheet(part2: boolean): string {
  return `
@page { size: letter; margin: 14mm 23mm 12mm 23mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; max-width: 170mm; font: 10.5pt/1.4 Arial, "Liberation Sans", "Helvetica Neue", Helvetica, sans-serif; color: #000; }
.note { break-before: page; page-break-before: always; }
.note:first-of-type { break-before: auto; page-break-before: auto; }
${part2 ? `.with-part2 .note { padding-bottom: ${FOOTER_MM + FOOTER_GAP_MM}mm; box-decoration-break: clone; -webkit-box-decoration-break: clone; }` : ''}
.note-head { border-bottom: 1.5pt solid #000; margin-bottom: 4mm; padding-bottom: 2mm; }
.confidential { margin: 0 0 2mm; font-size: 8.5pt; font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; }
.clinic { margin: 0; font-size: 12pt; font-weight: 600; }
h1 { margin: 0; font-size: 16pt; }
h2 { margin: 5mm 0 1.5mm; font-size: 11.5pt; border-bottom: 0.5pt solid #777; break-after: avoid; page-break-after: avoid; }
h3 { margin: 2mm 0 0.5mm; font-size: 10.5pt; break-after: avoid; page-break-after: avoid; }
.printed { margin: 1mm 0 0; font-size: 8.5pt; }
.late { display: inline-block; margin: 2mm 0 0; padding: 1mm 3mm; border: 2pt solid #000; font-size: 14pt; font-weight: 800; letter-spacing: 0.08em; }
.facts { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5mm 6mm; margin: 0; }
.facts div { display: flex; gap: 2mm; }
.facts dt { font-weight: 600; min-width: 34mm; }
.facts dd { margin: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.empty { margin: 0; font-style: italic; }
.text { orphans: 3; widows: 3; }
ul, ol { margin: 0; padding-left: 6mm; }
.goals li { margin-bottom: 1.5mm; }
.goal { margin: 0; font-weight: 600; }
.goal-state { font-weight: 400; }
.signature { break-inside: avoid; page-break-inside: avoid; }
.signed { margin: 1mm 0; font-weight: 600; }
.unsigned { margin: 1mm 0; font-size: 20pt; font-weight: 800; text-transform: uppercase; }
.addendum { margin-bottom: 3mm; break-inside: avoid-page; }
.part2 { position: fixed; left: 0; right: 0; bottom: 0; height: ${FOOTER_MM}mm; max-width: 170mm; border-top: 1pt solid #000; padding-top: 1mm; background: #fff; font-size: 6.6pt; line-height: 1.25; }
.part2 p { margin: 0; }
.part2-title { font-weight: 700; text-transform: uppercase; }
.part2-source { font-style: italic; }
@media screen {
  body { margin: 12mm auto; padding: 0 4mm; }
  .note + .note { border-top: 3px dashed #999; margin-top: 12mm; padding-top: 8mm; }
  .part2 { position: static; height: auto; margin-top: 8mm; }
  .with-part2 .note { padding-bottom: 0; }
}
`.trim()
}
