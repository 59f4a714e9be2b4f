import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Accordion } from '@mantine/core'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { ClinicTimeProvider } from '../../src/renderer/src/app/clinicTime'
import { DateField, parseTypedDate } from '../../src/renderer/src/components/DateField'
import { TimeField } from '../../src/renderer/src/components/TimeField'
import { PersonPanel } from '../../src/renderer/src/features/sessions/PersonPanel'
import type { AttendanceRecord } from '../../src/shared/domain/session'
import type { TimeFormat } from '../../src/shared/rules/dates'
import { ok } from '../../src/shared/result'
import { fakeApi, renderScreen } from './render'

/** The clinic's settings as the app's status gives them, with its time format. */
function clinicWrites(timeFormat: TimeFormat) {
  fakeApi((channel) => {
    if (channel === 'app.status')
      return ok({
        setUp: true,
        clinic: { name: 'Riverside', timeZone: 'America/Chicago', timeFormat },
        signedIn: null,
        notices: [],
        dataDir: '/tmp',
        canSavePdf: false
      })
    return ok([])
  })
}

function DateHarness(props: { min?: string; max?: string; onChange(value: string): void }) {
  const [value, setValue] = useState('2026-11-23')
  return (
    <DateField
      label="Follow-up due"
      value={value}
      min={props.min}
      max={props.max}
      onChange={(next) => {
        setValue(next)
        props.onChange(next)
      }}
    />
  )
}

describe('date fields', () => {
  it('take a date typed in full, and never half a date on the way', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    renderScreen(<DateHarness onChange={onChange} />)
    const field = screen.getByLabelText('Follow-up due')
    expect(field).toHaveValue('2026-11-23')
    await user.clear(field)
    await user.type(field, '2026-12-04')
    expect(onChange.mock.calls.map(([value]) => value)).toEqual(['2026-12-04'])
    await user.tab()
    expect(field).toHaveValue('2026-12-04')
  })

  it('open a calendar where a day can be chosen with the mouse', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    renderScreen(<DateHarness onChange={onChange} />)
    await user.click(screen.getByLabelText('Follow-up due'))
    await user.click(await screen.findByRole('button', { name: '25 November 2026' }))
    expect(onChange).toHaveBeenLastCalledWith('2026-11-25')
    expect(screen.getByLabelText('Follow-up due')).toHaveValue('2026-11-25')
  })

  it('refuse a date before the earliest allowed, and show the last good date again', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    renderScreen(<DateHarness min="2026-11-23" onChange={onChange} />)
    const field = screen.getByLabelText('Follow-up due')
    await user.clear(field)
    await user.type(field, '2026-11-20')
    await user.tab()
    expect(onChange).not.toHaveBeenCalled()
    expect(field).toHaveValue('2026-11-23')
  })

  it('read only real calendar days', () => {
    expect(parseTypedDate('2026-02-28')).toBe('2026-02-28')
    expect(parseTypedDate('2026-02-30')).toBeNull()
    expect(parseTypedDate('2026-2-3')).toBeNull()
    expect(parseTypedDate('03/02/2026')).toBeNull()
  })
})

function TimeHarness({ onChange }: { onChange(value: string): void }) {
  const [value, setValue] = useState('14:05')
  return (
    <ClinicTimeProvider>
      <TimeField
        label="Start time"
        value={value}
        onChange={(next) => {
          setValue(next)
          onChange(next)
        }}
      />
    </ClinicTimeProvider>
  )
}

describe('time fields', () => {
  it('show a time the way a 12-hour clinic writes it, and keep it on the 24-hour clock', async () => {
    clinicWrites('12h')
    const user = userEvent.setup()
    const onChange = vi.fn()
    renderScreen(<TimeHarness onChange={onChange} />)
    // The clinic's format arrives with the app's status.
    expect(await screen.findByLabelText('Start time, AM or PM')).toHaveValue('PM')
    const hour = screen.getByRole('spinbutton', { name: 'Start time, hour' })
    expect(hour).toHaveValue('02')
    expect(screen.getByRole('spinbutton', { name: 'Start time, minutes' })).toHaveValue('05')
    // Typed as on a clock: 9, then 30 minutes, then A for the morning.
    await user.click(hour)
    await user.keyboard('930a')
    expect(onChange).toHaveBeenLastCalledWith('09:30')
  })

  it('show a 24-hour clinic the hours to 23, with no AM or PM', async () => {
    clinicWrites('24h')
    const user = userEvent.setup()
    const onChange = vi.fn()
    renderScreen(<TimeHarness onChange={onChange} />)
    const hour = screen.getByRole('spinbutton', { name: 'Start time, hour' })
    expect(hour).toHaveValue('14')
    expect(screen.queryByLabelText('Start time, AM or PM')).toBeNull()
    await user.click(hour)
    await user.keyboard('1815')
    expect(onChange).toHaveBeenLastCalledWith('18:15')
  })
})

const PRESENT: AttendanceRecord = {
  participantId: 'p-1',
  status: 'present',
  // 9:00 in Chicago on Monday 23 November 2026.
  timeIn: '2026-11-23T15:00:00.000Z',
  timeOut: null
} as AttendanceRecord

function personPanel(record: AttendanceRecord, onAttendance = vi.fn()) {
  return (
    <ClinicTimeProvider>
      <PersonPanel
        name="Jordy T."
        record={record}
        figures={undefined}
        observations={[]}
        date="2026-11-23"
        timeZone="America/Chicago"
        dailyMinimumMinutes={null}
        now={Date.parse('2026-11-23T15:30:00Z')}
        busy={false}
        onAttendance={onAttendance}
        onObserve={() => undefined}
      />
    </ClinicTimeProvider>
  )
}

describe('times on the running screen', () => {
  it('a time out recorded while the person’s panel is closed shows when it opens', () => {
    clinicWrites('24h')
    // A closed panel keeps its content mounted but hidden, as the People tab's are.
    const closed = (record: AttendanceRecord) => (
      <Accordion>
        <Accordion.Item value="jordy">
          <Accordion.Control>Jordy T.</Accordion.Control>
          <Accordion.Panel>{personPanel(record)}</Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    )
    const view = renderScreen(closed(PRESENT))
    // "Everyone out at end": 12:00 in Chicago.
    view.rerender(closed({ ...PRESENT, timeOut: '2026-11-23T18:00:00.000Z' }))
    const timeOut = (part: string) =>
      screen.getByRole('spinbutton', { name: `Time out for Jordy T., ${part}`, hidden: true })
    expect(timeOut('hour')).toHaveValue('12')
    expect(timeOut('minutes')).toHaveValue('00')
  })

  it('a time in is recorded once, when the person at the keyboard leaves the field', async () => {
    clinicWrites('24h')
    const user = userEvent.setup()
    const onAttendance = vi.fn()
    renderScreen(personPanel(PRESENT, onAttendance))
    const timeIn = within(screen.getByText('Time in for Jordy T.').closest('div')!.parentElement!)
    const hour = timeIn.getByRole('spinbutton', { name: 'Time in for Jordy T., hour' })
    expect(hour).toHaveValue('09')
    await user.click(hour)
    await user.keyboard('0915')
    expect(onAttendance).not.toHaveBeenCalled()
    await user.click(screen.getByText('Observations'))
    expect(onAttendance).toHaveBeenCalledTimes(1)
    expect(onAttendance).toHaveBeenCalledWith({
      status: 'present',
      timeIn: '2026-11-23T15:15:00.000Z',
      timeOut: null
    })
  })
})
