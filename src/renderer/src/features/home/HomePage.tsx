import { Stack } from '@mantine/core'
import type { Staff } from '../../../../shared/domain/staff'
import { useStatus } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { useNotesOwed } from '../notes/NotesPage'
import { useCosignList } from '../notes/CosignPage'
import { MeasuresDue } from '../progress/MeasuresDue'
import { FollowUpsCard } from '../followups/FollowUpsCard'
import { CosignsWaiting, RunningSessions, TodaysSessions, UnsignedNotes } from './DayCards'
import { NextSteps } from './NextSteps'
import { useHomeDay } from './useHomeDay'

/**
 * The clinician's day: a group running now first, then today's sessions, the
 * open safety follow-ups, notes to sign, co-signatures waiting and measures
 * due. A new clinic sees its next steps until they are done.
 */
export function HomePage({ staff }: { staff: Staff }) {
  const day = useHomeDay()
  const status = useStatus()
  const owed = useNotesOwed(true)
  const cosign = useCosignList()
  const isSupervisor = staff.role === 'supervisor'
  const awaiting = cosign.data ?? []
  return (
    <>
      <PageHeader
        title={`Welcome, ${staff.fullName.split(' ')[0]}`}
        description={day.data ? `Your day, ${day.data.today}.` : 'Your day.'}
      />
      <ErrorNotice error={day.error} />
      <Stack gap="lg">
        {day.data && (
          <RunningSessions day={day.data} timeZone={status.data?.clinic?.timeZone ?? 'UTC'} />
        )}
        {day.data && <NextSteps day={day.data} />}
        {day.data && <TodaysSessions day={day.data} />}
        <FollowUpsCard />
        <UnsignedNotes rows={owed.data ?? []} pending={owed.isPending} />
        {(isSupervisor || awaiting.length > 0) && (
          <CosignsWaiting rows={awaiting} pending={cosign.isPending} />
        )}
        <MeasuresDue />
      </Stack>
    </>
  )
}
