import { MantineProvider } from '@mantine/core'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { Route, Routes } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { ModuleSummary } from '../../src/shared/curriculum/module'
import { defaultAgenda } from '../../src/shared/session/default-agenda'
import {
  AgendaEditor,
  type SegmentDraft
} from '../../src/renderer/src/features/sessions/AgendaEditor'
import {
  EditSessionPlanPage,
  PlanSessionPage
} from '../../src/renderer/src/features/sessions/PlanSessionPage'
import { clinicDate } from '../../src/shared/rules/dates'
import { fail, ok } from '../../src/shared/result'
import { fakeApi, renderScreen, type Answer } from './render'

function module(
  id: string,
  kind: ModuleSummary['kind'],
  week: number,
  title: string
): ModuleSummary {
  return {
    id,
    version: 1,
    kind,
    title,
    week,
    order: 1,
    minutes: 45,
    tags: [],
    objectives: ['One', 'Two'],
    materials: [],
    source: 'shipped',
    slideCount: 6,
    hasPractice: kind === 'skills',
    hasHomework: kind === 'skills'
  }
}

const MODULES = [
  module('edu-02-triggers', 'educational', 2, 'Triggers and cravings'),
  module('edu-01-brain', 'educational', 1, 'The brain in recovery'),
  module('skl-01-urge-surfing', 'skills', 1, 'Urge surfing'),
  module('skl-02-refusal', 'skills', 2, 'Refusal skills')
]

function Harness({ targetMinutes = 195 }: { targetMinutes?: number }) {
  const [segments, setSegments] = useState<SegmentDraft[]>(defaultAgenda())
  return (
    <AgendaEditor
      value={segments}
      onChange={setSegments}
      modules={MODULES}
      targetMinutes={targetMinutes}
    />
  )
}

/** Transitions off, so a picker's options can be chosen at once. */
function renderEditor(targetMinutes?: number) {
  render(
    <MantineProvider env="test">
      <Harness targetMinutes={targetMinutes} />
    </MantineProvider>
  )
}

function titles(): string[] {
  return screen
    .getAllByRole('textbox', { name: /^Title of segment/ })
    .map((input) => (input as HTMLInputElement).value)
}

async function choose(user: ReturnType<typeof userEvent.setup>, field: string, option: string) {
  await user.click(screen.getByRole('combobox', { name: field }))
  await user.click(await screen.findByRole('option', { name: option }))
}

describe('agenda editor', () => {
  it('totals the planned and the countable minutes of the usual day: three countable hours', () => {
    renderEditor()
    expect(screen.getByText('195 minutes planned, 180 countable')).toBeInTheDocument()
    expect(screen.queryByText(/this agenda is/)).not.toBeInTheDocument()
  })

  it('points out gently when the agenda does not fill the group’s session length', () => {
    renderEditor(165)
    expect(
      screen.getByText('The group’s sessions last 165 minutes; this agenda is 30 minutes longer.')
    ).toBeInTheDocument()
  })

  it('adds a segment at the end and puts the cursor in its title', async () => {
    const user = userEvent.setup()
    renderEditor()
    await user.click(screen.getByRole('button', { name: 'Add segment' }))
    const title = screen.getByRole('textbox', { name: 'Title of segment 8' })
    expect(title).toHaveFocus()
    await user.type(title, 'Homework review')
    expect(titles().at(-1)).toBe('Homework review')
    expect(screen.getByText('205 minutes planned, 190 countable')).toBeInTheDocument()
  })

  it('removes a segment and the totals follow', async () => {
    const user = userEvent.setup()
    renderEditor()
    await user.click(screen.getByRole('button', { name: 'Remove Break' }))
    expect(titles()).not.toContain('Break')
    expect(titles()).toHaveLength(6)
    expect(screen.getByText('180 minutes planned, 180 countable')).toBeInTheDocument()
  })

  it('moves a segment up and down, and the first cannot move up', async () => {
    const user = userEvent.setup()
    renderEditor()
    expect(screen.getByRole('button', { name: /^Move Arrival.* up$/ })).toBeDisabled()
    await user.click(screen.getByRole('button', { name: 'Move Break up' }))
    expect(titles().slice(2, 4)).toEqual(['Break', 'Educational segment'])
    expect(screen.getByRole('button', { name: 'Move Break up' })).toHaveFocus()
    await user.click(screen.getByRole('button', { name: 'Move Break down' }))
    await user.click(screen.getByRole('button', { name: 'Move Break down' }))
    expect(titles().slice(3, 5)).toEqual(['Skills training', 'Break'])
  })

  it('unticks "counts" when a segment becomes a break, and leaves the choice alone otherwise', async () => {
    const user = userEvent.setup()
    renderEditor()
    const counts = (n: number) =>
      screen.getByRole('checkbox', { name: `Segment ${n} counts toward billable time` })
    expect(counts(6)).toBeChecked()
    await choose(user, 'Kind of segment 6', 'Break')
    expect(counts(6)).not.toBeChecked()
    expect(titles()[5]).toBe('Open group discussion')
    expect(screen.getByText('195 minutes planned, 150 countable')).toBeInTheDocument()

    await choose(user, 'Kind of segment 4', 'Other')
    expect(counts(4)).not.toBeChecked()
    await user.click(counts(4))
    expect(counts(4)).toBeChecked()
  })

  it('offers only modules of the row’s kind, by week', async () => {
    const user = userEvent.setup()
    renderEditor()
    expect(screen.queryByRole('combobox', { name: 'Module for segment 1' })).not.toBeInTheDocument()

    await user.click(screen.getByRole('combobox', { name: 'Module for segment 3' }))
    let offered = within(
      await screen.findByRole('listbox', { name: 'Module for segment 3' })
    ).getAllByRole('option')
    expect(offered.map((o) => o.textContent)).toEqual([
      'Week 1 · The brain in recovery',
      'Week 2 · Triggers and cravings'
    ])
    await user.click(offered[0]!)
    expect(screen.getByRole('combobox', { name: 'Module for segment 3' })).toHaveValue(
      'Week 1 · The brain in recovery'
    )

    await user.click(screen.getByRole('combobox', { name: 'Module for segment 5' }))
    offered = within(
      await screen.findByRole('listbox', { name: 'Module for segment 5' })
    ).getAllByRole('option')
    expect(offered.map((o) => o.textContent)).toEqual([
      'Week 1 · Urge surfing',
      'Week 2 · Refusal skills'
    ])
  })

  it('lets a module go when its segment changes to another kind', async () => {
    const user = userEvent.setup()
    renderEditor()
    await user.click(screen.getByRole('combobox', { name: 'Module for segment 3' }))
    await user.click(await screen.findByRole('option', { name: 'Week 1 · The brain in recovery' }))
    await choose(user, 'Kind of segment 3', 'Skills training')
    expect(screen.getByRole('combobox', { name: 'Module for segment 3' })).toHaveValue('')
    expect(titles()[2]).toBe('Skills training')
  })
})

const ZONE = 'America/Chicago'

function staffMember(id: string, fullName: string, active = true) {
  return {
    id,
    fullName,
    credentials: 'LPC',
    role: 'counselor',
    isAdmin: false,
    active,
    createdAt: '2026-11-01T09:00:00.000Z',
    disabledAt: null
  }
}

const ROBIN = staffMember('s1', 'Robin Okafor')
const SAM = staffMember('s2', 'Sam Lee')
const PAT = staffMember('s3', 'Pat Moreno', false)

const GROUP = {
  id: 'g1',
  name: 'Evening SUD IOP',
  track: 'substance_use',
  admission: 'open',
  meetingDays: ['mon', 'wed', 'thu'],
  startTime: '17:30',
  defaultMinutes: 180,
  capacity: 12,
  facilitatorIds: ['s2', 's3'],
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z'
}

/** The answers every plan screen needs; `more` answers the channel under test. */
function planApi(more: Answer = () => fail('internal', 'not answered')) {
  return fakeApi((channel, input) => {
    switch (channel) {
      case 'app.status':
        return ok({
          setUp: true,
          clinic: { name: 'Riverside', timeZone: ZONE },
          signedIn: ROBIN,
          notices: [],
          dataDir: '/tmp',
          canSavePdf: false
        })
      case 'groups.get':
        return ok(GROUP)
      case 'staff.list':
        return ok([ROBIN, SAM, PAT])
      case 'curriculum.list':
        return ok(MODULES)
      case 'sessions.agenda':
        return ok(defaultAgenda())
      case 'curriculum.proposal':
        return ok({ educational: [], skills: [] })
      default:
        return more(channel, input)
    }
  })
}

function renderPlanScreen(route: string) {
  renderScreen(
    <Routes>
      <Route path="/groups/:groupId/sessions/new" element={<PlanSessionPage />} />
      <Route path="/sessions/:sessionId/plan" element={<EditSessionPlanPage />} />
      <Route path="/sessions/:sessionId" element={<p>The session s9 is open</p>} />
    </Routes>,
    route
  )
}

describe('planning a session', () => {
  it('plans today’s session with the group’s active facilitators and the default agenda', async () => {
    const calls = planApi((channel) =>
      channel === 'sessions.plan' ? ok({ id: 's9' }) : fail('internal', 'unexpected')
    )
    renderPlanScreen('/groups/g1/sessions/new')
    await userEvent.click(await screen.findByRole('button', { name: 'Plan the session' }))
    expect(await screen.findByText('The session s9 is open')).toBeInTheDocument()
    const [, plan] = calls.mock.calls.find(([channel]) => channel === 'sessions.plan')!
    expect(plan).toEqual({
      groupId: 'g1',
      date: clinicDate(Date.now(), ZONE),
      facilitatorIds: ['s2'],
      segments: defaultAgenda()
    })
    expect(calls).not.toHaveBeenCalledWith('sessions.saveAgenda', expect.anything())
  })

  it('saves the agenda as the group’s default once the session is planned', async () => {
    const user = userEvent.setup()
    const calls = planApi((channel, input) =>
      channel === 'sessions.plan' ? ok({ id: 's9' }) : ok((input as { segments: unknown }).segments)
    )
    renderPlanScreen('/groups/g1/sessions/new')
    await user.click(await screen.findByRole('button', { name: 'Remove Break' }))
    await user.click(
      screen.getByRole('checkbox', { name: 'Save this agenda as the group’s default' })
    )
    await user.click(screen.getByRole('button', { name: 'Plan the session' }))
    expect(await screen.findByText('The session s9 is open')).toBeInTheDocument()
    const order = calls.mock.calls.map(([channel]) => channel)
    expect(order.indexOf('sessions.saveAgenda')).toBeGreaterThan(order.indexOf('sessions.plan'))
    const [, saved] = calls.mock.calls.find(([channel]) => channel === 'sessions.saveAgenda')!
    expect(saved).toEqual({
      groupId: 'g1',
      segments: defaultAgenda().filter((s) => s.kind !== 'break')
    })
  })

  it('names a missing segment title and sends nothing', async () => {
    const user = userEvent.setup()
    const calls = planApi()
    renderPlanScreen('/groups/g1/sessions/new')
    await user.clear(await screen.findByRole('textbox', { name: 'Title of segment 4' }))
    await user.click(screen.getByRole('button', { name: 'Plan the session' }))
    expect(await screen.findByText('Enter the segment title')).toBeInTheDocument()
    expect(calls).not.toHaveBeenCalledWith('sessions.plan', expect.anything())
  })

  it('shows a refusal in plain words and saves the agenda only after a plan', async () => {
    const user = userEvent.setup()
    const calls = planApi((channel) =>
      channel === 'sessions.plan'
        ? fail('invalid_input', 'One of the chosen facilitators was not found.')
        : ok([])
    )
    renderPlanScreen('/groups/g1/sessions/new')
    await user.click(
      await screen.findByRole('checkbox', { name: 'Save this agenda as the group’s default' })
    )
    await user.click(screen.getByRole('button', { name: 'Plan the session' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'One of the chosen facilitators was not found.'
    )
    expect(calls).not.toHaveBeenCalledWith('sessions.saveAgenda', expect.anything())
  })

  it('sends a started session back to its running screen instead of changing the plan', async () => {
    planApi((channel) =>
      channel === 'sessions.get'
        ? ok({
            id: 's9',
            groupId: 'g1',
            groupName: 'Evening SUD IOP',
            date: '2026-11-23',
            facilitatorIds: ['s1'],
            segments: [],
            events: [{ type: 'started', at: '2026-11-23T23:30:00.000Z' }]
          })
        : fail('internal', 'unexpected')
    )
    renderPlanScreen('/sessions/s9/plan')
    expect(await screen.findByText('This session has started')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Open the session' })).toHaveAttribute(
      'href',
      '/sessions/s9'
    )
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Save the plan' })).not.toBeInTheDocument()
    )
  })
})
