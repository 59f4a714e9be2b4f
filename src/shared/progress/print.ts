import { clinicTimeOfDay, type TimeFormat } from '../rules/dates'
import type { ParticipantProgress } from '../domain/progress'
import { escapeHtml } from '../rules/html'
import { isolate, isolatedHtml } from '../rules/bidi'
import { PART2_NOTICE, PART2_SOURCE } from '../notes/part2-notice'
import { disclosureHtml, type DisclosureScope } from '../consent/disclosure'

/**
 * A participant's progress summary for the treatment team or a discharge, as
 * one printable HTML document: the figures, the weekly hours and each
 * measure as charts (inline SVG, black and white, nothing loaded from
 * outside), coverage, goals, and the Part 2 notice on every page of a
 * substance-use record. The same function serves Electron's printToPDF and
 * the tests' Chromium.
 */

export interface InstrumentInfo {
  name: string
  min: number
  max: number
  bands: ReadonlyArray<{ key: string; label: string; min: number; max: number }>
}

export interface ProgressPrintInput {
  clinic: { name: string; timeZone: string; timeFormat?: TimeFormat }
  progress: ParticipantProgress
  coverage: ReadonlyArray<{
    groupName: string
    cycleName: string
    total: number
    percent: number
    covered: ReadonlyArray<{ title: string }>
    missing: ReadonlyArray<{ title: string }>
    estimatedCompletion: string | null
  }>
  instruments: Readonly<Record<string, InstrumentInfo>>
  substanceUseRecord: boolean
  /** Printed for a recipient under a written consent: its scope goes at the top (§ 2.32(b)). */
  disclosure?: DisclosureScope | null
  printedAt: string
}

const STATUS_LABELS: Record<string, string> = {
  present: 'Present',
  absent_excused: 'Absent (excused)',
  absent_unexcused: 'Absent (unexcused)',
  unmarked: 'Not marked'
}

const NOTE_LABELS: Record<string, string> = {
  not_started: 'Not started',
  draft: 'Draft',
  awaiting_cosignature: 'Awaiting co-signature',
  signed: 'Signed'
}

const e = escapeHtml

function hours(minutes: number): string {
  return (Math.round((minutes / 60) * 10) / 10).toFixed(1)
}

export function renderProgressHtml(input: ProgressPrintInput): string {
  const p = input.progress
  const title = `Progress summary — ${isolate(p.participant.displayName)} (${isolate(p.participant.clientId)})`
  const footer = input.substanceUseRecord
    ? `<footer class="part2"><p class="part2-title">Notice: 42 CFR part 2 record</p>` +
      `<p>${e(PART2_NOTICE)}</p><p class="part2-source">${e(PART2_SOURCE)}</p></footer>`
    : ''
  const body = [
    header(input),
    input.disclosure ? disclosureHtml(input.disclosure) : '',
    figures(p),
    weeksSection(p),
    measuresSection(p, input.instruments),
    coverageSection(input.coverage),
    goalsSection(p),
    sessionsSection(p)
  ].join('\n')
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${e(title)}</title>`,
    `<style>${stylesheet(input.substanceUseRecord)}</style>`,
    '</head>',
    `<body${input.substanceUseRecord ? ' class="with-part2"' : ''}>`,
    `<main class="summary">${body}</main>`,
    footer,
    '</body>',
    '</html>'
  ].join('\n')
}

function header(input: ProgressPrintInput): string {
  const p = input.progress.participant
  const printed = new Date(input.printedAt)
  const when = Number.isNaN(printed.getTime())
    ? input.printedAt
    : `${new Intl.DateTimeFormat('en-US', {
        timeZone: input.clinic.timeZone,
        dateStyle: 'long'
      }).format(
        printed
      )} ${clinicTimeOfDay(printed.getTime(), input.clinic.timeZone, input.clinic.timeFormat)}`
  return (
    `<header class="head"><p class="confidential">Confidential — protected health information` +
    `${input.substanceUseRecord ? ' and a 42 CFR Part 2 substance use disorder record' : ''}. Do not disclose without authorization.</p>` +
    `<p class="clinic">${isolatedHtml(input.clinic.name)}</p><h1>Progress summary — ${isolatedHtml(p.displayName)} (${isolatedHtml(p.clientId)})</h1>` +
    `<p class="printed">Admitted ${e(p.admissionDate)}` +
    `${p.dischargeDate ? ` · discharged ${e(p.dischargeDate)}` : ''} · printed ${e(when)}</p></header>`
  )
}

function figures(p: ParticipantProgress): string {
  const items: Array<[string, string]> = [
    ['Days in program', String(p.daysInProgram)],
    ['Sessions attended', `${p.attended} of ${p.scheduled}`],
    ['Absences in a row now', String(p.absences.current)],
    ['Longest run of absences', String(p.absences.longest)]
  ]
  const runs = p.absences.runs.length
    ? `<p class="warn">Two or more absences in a row: ${p.absences.runs
        .map((r) => `${e(r.from)} to ${e(r.to)} (${r.length})`)
        .join('; ')}</p>`
    : ''
  return `<section><h2>At a glance</h2><dl class="facts">${items
    .map(([k, v]) => `<div><dt>${e(k)}</dt><dd>${e(v)}</dd></div>`)
    .join('')}</dl>${runs}</section>`
}

function weeksSection(p: ParticipantProgress): string {
  const weeks = p.weeks.slice(-16)
  if (weeks.length === 0) return ''
  const w = 640
  const h = 170
  const left = 34
  const bottom = 28
  const top = 8
  const maxHours = Math.max(p.requiredWeeklyHours * 1.25, ...weeks.map((x) => x.minutes / 60), 1)
  const y = (v: number) => top + (h - top - bottom) * (1 - v / maxHours)
  const step = (w - left - 4) / weeks.length
  const bars = weeks
    .map((week, i) => {
      const x = left + i * step + step * 0.15
      const bw = step * 0.7
      const value = week.minutes / 60
      const fill = week.meetsRequirement ? '#000' : '#fff'
      return (
        `<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${bw.toFixed(1)}" height="${(y(0) - y(value)).toFixed(1)}" fill="${fill}" stroke="#000" stroke-width="1"/>` +
        `<text x="${(x + bw / 2).toFixed(1)}" y="${h - bottom + 12}" font-size="8" text-anchor="middle">${e(week.weekStart.slice(5))}</text>`
      )
    })
    .join('')
  const line = `<line x1="${left}" x2="${w - 4}" y1="${y(p.requiredWeeklyHours).toFixed(1)}" y2="${y(p.requiredWeeklyHours).toFixed(1)}" stroke="#000" stroke-dasharray="4 3"/>`
  const axis =
    `<line x1="${left}" x2="${w - 4}" y1="${y(0)}" y2="${y(0)}" stroke="#000"/>` +
    `<text x="${left - 4}" y="${y(0) + 3}" font-size="8" text-anchor="end">0 h</text>` +
    `<text x="${left - 4}" y="${y(p.requiredWeeklyHours) + 3}" font-size="8" text-anchor="end">${p.requiredWeeklyHours} h</text>`
  const below = weeks.filter((x) => !x.meetsRequirement).length
  const alt = `Countable hours in each of the last ${weeks.length} weeks against ${p.requiredWeeklyHours} hours a week: ${below} ${below === 1 ? 'week' : 'weeks'} below.`
  const table = `<table class="compact"><thead><tr><th>Week starting</th>${weeks
    .map((x) => `<th>${e(x.weekStart.slice(5))}</th>`)
    .join('')}</tr></thead><tbody><tr><th>Hours</th>${weeks
    .map((x) => `<td>${hours(x.minutes)}${x.meetsRequirement ? '' : '*'}</td>`)
    .join(
      ''
    )}</tr></tbody></table><p class="note">* below the weekly requirement. Filled bars meet it; the dashed line is ${p.requiredWeeklyHours} hours.</p>`
  return `<section class="keep"><h2>Weekly countable hours</h2><svg role="img" aria-label="${e(alt)}" viewBox="0 0 ${w} ${h}" width="170mm">${axis}${line}${bars}</svg>${table}</section>`
}

function measuresSection(
  p: ParticipantProgress,
  instruments: Readonly<Record<string, InstrumentInfo>>
): string {
  const ids = [...new Set(p.measures.map((m) => m.measureId))]
  if (ids.length === 0) return '<section><h2>Measures</h2><p>No measures recorded.</p></section>'
  const charts = ids.map((id) => {
    const info = instruments[id]
    const entries = p.measures.filter((m) => m.measureId === id)
    if (!info) return ''
    const w = 640
    const h = 150
    const left = 34
    const right = 120
    const top = 8
    const bottom = 22
    const span = Math.max(1, info.max - info.min)
    const y = (v: number) => top + (h - top - bottom) * (1 - (v - info.min) / span)
    const n = entries.length
    const x = (i: number) =>
      left + (n === 1 ? (w - left - right) / 2 : (i * (w - left - right)) / (n - 1))
    const bands = info.bands
      .map((b, i) => {
        const y1 = y(b.max + (i === info.bands.length - 1 ? 0 : 0.5))
        const y2 = y(Math.max(info.min, b.min - (i === 0 ? 0 : 0.5)))
        const shade = i % 2 === 0 ? '#f2f2f2' : '#dcdcdc'
        return (
          `<rect x="${left}" y="${y1.toFixed(1)}" width="${w - left - right}" height="${(y2 - y1).toFixed(1)}" fill="${shade}"/>` +
          `<text x="${w - right + 4}" y="${((y1 + y2) / 2 + 3).toFixed(1)}" font-size="8">${e(b.label)} (${b.min}–${b.max})</text>`
        )
      })
      .join('')
    const points = entries.map((m, i) => `${x(i).toFixed(1)},${y(m.total).toFixed(1)}`).join(' ')
    const dots = entries
      .map(
        (m, i) =>
          `<circle cx="${x(i).toFixed(1)}" cy="${y(m.total).toFixed(1)}" r="3" fill="#000"/>` +
          `<text x="${x(i).toFixed(1)}" y="${h - bottom + 12}" font-size="8" text-anchor="middle">${e(m.takenOn.slice(5))}</text>` +
          `<text x="${x(i).toFixed(1)}" y="${(y(m.total) - 5).toFixed(1)}" font-size="8" text-anchor="middle">${m.total}</text>`
      )
      .join('')
    const axis =
      `<text x="${left - 4}" y="${y(info.min) + 3}" font-size="8" text-anchor="end">${info.min}</text>` +
      `<text x="${left - 4}" y="${y(info.max) + 3}" font-size="8" text-anchor="end">${info.max}</text>`
    const last = entries[entries.length - 1]!
    const lastBand = info.bands.find((b) => last.total >= b.min && last.total <= b.max)
    const alt = `${info.name}: ${entries.map((m) => `${m.takenOn} ${m.total}`).join(', ')}. Latest ${last.total}${lastBand ? ` (${lastBand.label})` : ''}.`
    return (
      `<div class="keep"><h3>${e(info.name)}</h3>` +
      `<svg role="img" aria-label="${e(alt)}" viewBox="0 0 ${w} ${h}" width="170mm">${bands}${axis}` +
      `<polyline points="${points}" fill="none" stroke="#000" stroke-width="1.5"/>${dots}</svg>` +
      `<p class="note">${e(alt)}${entries.some((m) => m.selfHarmFlag) ? ' An answer above zero on item 9 was followed up as recorded in the chart.' : ''}</p></div>`
    )
  })
  return `<section><h2>Measures</h2>${charts.join('')}</section>`
}

function coverageSection(coverage: ProgressPrintInput['coverage']): string {
  if (coverage.length === 0) return ''
  return `<section><h2>Curriculum coverage</h2>${coverage
    .map(
      (c) =>
        `<h3>${isolatedHtml(c.groupName)} · ${isolatedHtml(c.cycleName)}</h3><p>${c.covered.length} of ${c.total} modules (${c.percent}%)` +
        `${c.estimatedCompletion ? `; at the group's pace, complete by ${e(c.estimatedCompletion)}` : ''}.</p>` +
        (c.missing.length
          ? `<p class="note">Still to cover: ${c.missing.map((m) => isolatedHtml(m.title)).join('; ')}.</p>`
          : '')
    )
    .join('')}</section>`
}

function goalsSection(p: ParticipantProgress): string {
  if (p.goals.length === 0) return ''
  return `<section><h2>Treatment-plan goals</h2><ol class="goals">${p.goals
    .map((g) => {
      const addressed = g.history.filter((h) => h.addressed)
      const latest = [...g.history].reverse().find((h) => h.progress.trim())
      return (
        `<li><p class="goal">${isolatedHtml(g.text)} <span class="state">(${e(g.status.replace(/_/g, ' '))})</span></p>` +
        `<p>Addressed in ${addressed.length} of ${g.history.length} signed notes.` +
        `${latest ? ` Latest progress (${e(latest.date)}): ${isolatedHtml(latest.progress)}` : ''}</p></li>`
      )
    })
    .join('')}</ol></section>`
}

function sessionsSection(p: ParticipantProgress): string {
  if (p.sessions.length === 0) return ''
  const rows = p.sessions
    .map(
      (s) =>
        `<tr><td>${e(s.date)}</td><td>${isolatedHtml(s.groupName)}</td><td>${e(STATUS_LABELS[s.status] ?? s.status)}` +
        `${s.late ? ', late' : ''}${s.leftEarly ? ', left early' : ''}</td><td class="num">${s.countableMinutes}</td>` +
        `<td>${s.noteState ? e(NOTE_LABELS[s.noteState] ?? s.noteState) : '—'}${s.lateEntry ? ' (late entry)' : ''}${s.addenda ? `, ${s.addenda} addend${s.addenda === 1 ? 'um' : 'a'}` : ''}</td></tr>`
    )
    .join('')
  return `<section><h2>Sessions</h2><table><thead><tr><th>Date</th><th>Group</th><th>Attendance</th><th>Countable min</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table></section>`
}

const FOOTER_MM = 35

function stylesheet(part2: boolean): string {
  return `
@page { size: letter; margin: 14mm 23mm 12mm 23mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; max-width: 170mm; font: 10pt/1.4 Arial, "Liberation Sans", Helvetica, sans-serif; color: #000; }
${part2 ? `.with-part2 .summary { padding-bottom: ${FOOTER_MM + 3}mm; box-decoration-break: clone; -webkit-box-decoration-break: clone; }` : ''}
.head { border-bottom: 1.5pt solid #000; margin-bottom: 3mm; padding-bottom: 2mm; }
.confidential { margin: 0 0 2mm; font-size: 8.5pt; font-weight: 700; text-transform: uppercase; }
.clinic { margin: 0; font-size: 12pt; font-weight: 600; }
h1 { margin: 0; font-size: 15pt; }
h2 { margin: 4mm 0 1.5mm; font-size: 11.5pt; border-bottom: 0.5pt solid #777; break-after: avoid; page-break-after: avoid; }
h3 { margin: 2mm 0 0.5mm; font-size: 10.5pt; break-after: avoid; }
.printed, .note { margin: 1mm 0; font-size: 8.5pt; }
.warn { font-weight: 700; }
.facts { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5mm 6mm; margin: 0; }
.facts div { display: flex; gap: 2mm; }
.facts dt { font-weight: 600; min-width: 45mm; }
.facts dd { margin: 0; }
.keep { break-inside: avoid; page-break-inside: avoid; }
svg { display: block; margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 0.5pt solid #999; padding: 0.6mm 1.2mm; text-align: left; }
.compact th, .compact td { padding: 0.4mm 0.8mm; text-align: center; }
.num { text-align: right; }
tr { break-inside: avoid; }
.goals li { margin-bottom: 1.5mm; }
.goal { margin: 0; font-weight: 600; }
.state { font-weight: 400; }
.part2 { position: fixed; left: 0; right: 0; bottom: 0; height: ${FOOTER_MM}mm; max-width: 170mm; border-top: 1pt solid #000; padding-top: 1mm; background: #fff; font-size: 6.6pt; line-height: 1.25; }
.part2 p { margin: 0; }
.part2-title { font-weight: 700; text-transform: uppercase; }
.part2-source { font-style: italic; }
@media screen {
  body { margin: 12mm auto; padding: 0 4mm; }
  .part2 { position: static; height: auto; margin-top: 8mm; }
  .with-part2 .summary { padding-bottom: 0; }
}
`.trim()
}
