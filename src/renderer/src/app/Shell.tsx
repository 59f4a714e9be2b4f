// This screen's styles (all of Mantine's): not loaded with the sign-in screen (issue 18).
import './styles'
import { AppShell, Button, Group, Kbd, NavLink, Stack, Text } from '@mantine/core'
import { spotlight } from '@mantine/spotlight'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link, Navigate, Route, Routes, useLocation } from 'react-router'
import type { AppStatus } from '../../../shared/ipc/contract'
import type { Staff } from '../../../shared/domain/staff'
import { signatureName } from '../../../shared/domain/staff'
import { api, unwrap } from '../api'
import { NoticeBanner } from '../components/NoticeBanner'
import { GroupPage } from '../features/groups/GroupPage'
import { GroupsPage } from '../features/groups/GroupsPage'
import { EnrolListPage } from '../features/groups/EnrolListPage'
import { EditGroupPage, NewGroupPage } from '../features/groups/GroupEditPages'
import { HomePage } from '../features/home/HomePage'
import { ParticipantPage } from '../features/participants/ParticipantPage'
import { NewParticipantPage } from '../features/participants/NewParticipantPage'
import { ParticipantsPage } from '../features/participants/ParticipantsPage'
import { ProgressPage } from '../features/progress/ProgressPage'
import { AccessLogPage } from '../features/access-log/AccessLogPage'
import { SettingsPage } from '../features/settings/SettingsPage'
import { SummaryPage } from '../features/sessions/SummaryPage'
import { NotesPage } from '../features/notes/NotesPage'
import { CosignPage } from '../features/notes/CosignPage'
import { ReportsPage } from '../features/reports/ReportsPage'
import { SessionNotesPage } from '../features/notes/SessionNotesPage'
import { CyclesPage } from '../features/curriculum/CyclesPage'
import { LibraryPage } from '../features/curriculum/LibraryPage'
import { ModuleEditorPage } from '../features/curriculum/ModuleEditorPage'
import { ModulePage } from '../features/curriculum/ModulePage'
import { EditSessionPlanPage, PlanSessionPage } from '../features/sessions/PlanSessionPage'
import { useLock } from './lock'
import { NextStepBar } from '../features/home/NextSteps'
import { useHomeDay } from '../features/home/useHomeDay'
import { MOD_KEY, useQuestionMarkKey } from './KeyboardShortcuts'
import { FollowUpsBadge } from '../features/followups/FollowUpsBadge'
import { ConflictsPage } from '../features/sync/ConflictsPage'
import { SyncStatusChip } from '../features/sync/SyncStatusChip'
import { keys } from './queries'

const NAV = [
  { to: '/', label: 'Home' },
  { to: '/groups', label: 'Groups' },
  { to: '/participants', label: 'Participants' },
  { to: '/notes', label: 'Notes' },
  { to: '/reports', label: 'Reports' },
  { to: '/curriculum', label: 'Curriculum' },
  { to: '/settings', label: 'Settings' },
  { to: '/access-log', label: 'Access log', adminOnly: true }
]

export function Shell({
  status,
  staff,
  onShowShortcuts: showShortcuts
}: {
  status: AppStatus
  staff: Staff
  onShowShortcuts(): void
}) {
  const location = useLocation()
  const client = useQueryClient()
  const signOut = useMutation({
    mutationFn: () => unwrap(api().auth.signOut()),
    onSuccess: () => {
      // Nothing of one person's screens stays cached for the next one.
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.status[0] })
      void client.invalidateQueries({ queryKey: keys.status })
    }
  })
  const lock = useLock()
  const day = useHomeDay()
  useQuestionMarkKey(showShortcuts)
  const current = (to: string) =>
    to === '/' ? location.pathname === '/' : location.pathname.startsWith(to)

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Text fw={700}>IOP Facilitator</Text>
            <Text c="dimmed">·</Text>
            <Text c="dimmed">{status.clinic?.name}</Text>
          </Group>
          <Group gap="sm">
            <SyncStatusChip isAdmin={staff.isAdmin} />
            <Button
              variant="default"
              size="xs"
              onClick={() => spotlight.open()}
              rightSection={<Kbd size="xs">{MOD_KEY}+K</Kbd>}
            >
              Find
            </Button>
            <Button variant="default" size="xs" onClick={showShortcuts}>
              Keyboard shortcuts
            </Button>
            <Text size="sm" aria-label="Signed in as">
              Signed in: <strong>{signatureName(staff)}</strong>
            </Text>
            <Button
              variant="default"
              size="xs"
              title="Lock now (Ctrl+L)"
              onClick={() => lock.mutate()}
              loading={lock.isPending}
            >
              Lock
            </Button>
            <Button
              variant="default"
              size="xs"
              onClick={() => signOut.mutate()}
              loading={signOut.isPending}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {NAV.filter((item) => !('adminOnly' in item) || staff.isAdmin).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            rightSection={item.to === '/' ? <FollowUpsBadge /> : undefined}
            active={current(item.to)}
            aria-current={current(item.to) ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Stack gap="md" maw={1100}>
          <NoticeBanner notices={status.notices} canDismiss />
          {location.pathname !== '/' && day.data && (
            <NextStepBar day={day.data} pathname={location.pathname} />
          )}
          <Routes>
            <Route path="/" element={<HomePage staff={staff} />} />
            <Route path="/groups" element={<GroupsPage />} />
            <Route path="/groups/new" element={<NewGroupPage />} />
            <Route path="/groups/:groupId" element={<GroupPage />} />
            <Route path="/groups/:groupId/edit" element={<EditGroupPage />} />
            <Route path="/groups/:groupId/enrol" element={<EnrolListPage />} />
            <Route path="/participants" element={<ParticipantsPage />} />
            <Route path="/participants/new" element={<NewParticipantPage />} />
            <Route path="/participants/:participantId" element={<ParticipantPage />} />
            <Route path="/participants/:participantId/progress" element={<ProgressPage />} />
            <Route path="/groups/:groupId/sessions/new" element={<PlanSessionPage />} />
            <Route path="/sessions/:sessionId/plan" element={<EditSessionPlanPage />} />
            <Route path="/sessions/:sessionId/summary" element={<SummaryPage />} />
            <Route path="/notes" element={<NotesPage />} />
            <Route path="/notes/cosign" element={<CosignPage />} />
            <Route path="/sessions/:sessionId/notes" element={<SessionNotesPage />} />
            <Route path="/reports" element={<ReportsPage />} />
            {staff.isAdmin && <Route path="/access-log" element={<AccessLogPage />} />}
            {staff.isAdmin && <Route path="/sync/conflicts" element={<ConflictsPage />} />}
            <Route path="/curriculum" element={<LibraryPage />} />
            <Route path="/curriculum/cycles" element={<CyclesPage />} />
            <Route path="/curriculum/:moduleId" element={<ModulePage />} />
            <Route path="/curriculum/:moduleId/edit" element={<ModuleEditorPage />} />
            <Route
              path="/settings/:tab?"
              element={<SettingsPage status={status} staff={staff} />}
            />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Stack>
      </AppShell.Main>
    </AppShell>
  )
}
