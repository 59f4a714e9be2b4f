import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ClinicSettings } from '../../src/renderer/src/features/settings/ClinicSettings'
import { fakeApi, renderScreen } from './render'

const clinic = (timeFormat?: '12h' | '24h') => ({
  name: 'Riverside Synthetic Clinic',
  timeZone: 'America/Chicago',
  ...(timeFormat ? { timeFormat } : {}),
  createdAt: '2026-01-05T15:00:00.000Z'
})

describe('the clinic’s settings', () => {
  it('show the clinic’s own time format chosen when the page opens', () => {
    fakeApi(() => ({ ok: true, value: null }))
    renderScreen(<ClinicSettings clinic={clinic('12h')} canEdit />)
    expect(screen.getByRole('radio', { name: '12-hour (2:05 PM)' })).toBeChecked()
    expect(screen.getByRole('radio', { name: '24-hour (14:05)' })).not.toBeChecked()
  })

  it('show 24-hour chosen for a clinic set up before the setting existed, as it writes times', () => {
    fakeApi(() => ({ ok: true, value: null }))
    renderScreen(<ClinicSettings clinic={clinic()} canEdit={false} />)
    expect(screen.getByRole('radio', { name: '24-hour (14:05)' })).toBeChecked()
  })
})
