import { createContext, useContext, type ReactNode } from 'react'
import type { TimeFormat } from '../../../shared/rules/dates'
import { useStatus } from './queries'

const ClinicTimeFormat = createContext<TimeFormat>('24h')

/** Gives every screen the clinic's time format (Settings → Clinic), read from the app's status. */
export function ClinicTimeProvider({ children }: { children: ReactNode }) {
  const status = useStatus()
  const format = status.data?.clinic?.timeFormat ?? '24h'
  return <ClinicTimeFormat.Provider value={format}>{children}</ClinicTimeFormat.Provider>
}

/** How this clinic writes a time of day: pass it to clinicTimeOfDay / clinicDateTime. */
export function useTimeFormat(): TimeFormat {
  return useContext(ClinicTimeFormat)
}
