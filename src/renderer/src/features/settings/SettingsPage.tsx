import { Code, Stack, Tabs, Text, Title } from '@mantine/core'
import { Navigate, useNavigate, useParams } from 'react-router'
import type { AppStatus } from '../../../../shared/ipc/contract'
import type { Staff } from '../../../../shared/domain/staff'
import { PageHeader } from '../../components/PageHeader'
import { ClinicSettings } from './ClinicSettings'
import { AgreementsSettings } from './AgreementsSettings'
import { Backups } from './Backups'
import { ClinicContacts } from './ClinicContacts'
import { DataKey } from './DataKey'
import { GroupsSettings } from './GroupsSettings'
import { MeasureSchedules } from './MeasureSchedules'
import { SessionSettings } from './SessionSettings'
import { StaffSettings } from './StaffSettings'
import { SyncSection } from '../sync/SyncSection'

/** The tabs, in the order a new clinic meets them; the address names the tab (`/settings/staff`). */
export const SETTINGS_TABS = [
  { value: 'clinic', label: 'Clinic' },
  { value: 'staff', label: 'Staff' },
  { value: 'groups', label: 'Groups' },
  { value: 'agreements', label: 'Agreements' },
  { value: 'requirements', label: 'Requirements and billing' },
  { value: 'backups', label: 'Backups and sync' },
  { value: 'security', label: 'Security' }
] as const
export type SettingsTab = (typeof SETTINGS_TABS)[number]['value']

function isTab(value: string | undefined): value is SettingsTab {
  return SETTINGS_TABS.some((t) => t.value === value)
}

export function SettingsPage({ status, staff }: { status: AppStatus; staff: Staff }) {
  const { tab } = useParams()
  const navigate = useNavigate()
  // Sync shares the backups tab (records leaving this computer, either way): old links land there.
  if (tab === 'sync') return <Navigate to="/settings/backups" replace />
  if (tab !== undefined && !isTab(tab)) return <Navigate to="/settings" replace />
  const current: SettingsTab = tab ?? 'clinic'
  const canEdit = staff.isAdmin
  return (
    <>
      <PageHeader
        title="Settings"
        description={canEdit ? undefined : 'Only an administrator can change these settings.'}
      />
      {/* Arrow keys move between the tabs; each tab has its own address, so Back returns to it. */}
      <Tabs
        value={current}
        onChange={(value) => {
          if (value) void navigate(`/settings/${value}`)
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label="Settings" mb="lg">
          {SETTINGS_TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>

        <Tabs.Panel value="clinic">
          <Stack gap="xl">
            <section aria-labelledby="clinic-settings">
              <Title order={2} size="h3" id="clinic-settings" mb="sm">
                Clinic
              </Title>
              {status.clinic && <ClinicSettings clinic={status.clinic} canEdit={canEdit} />}
            </section>
            <ClinicContacts canEdit={canEdit} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="staff">
          <section aria-labelledby="staff-settings">
            <Title order={2} size="h3" id="staff-settings" mb="sm">
              Staff
            </Title>
            <StaffSettings me={staff} />
          </section>
        </Tabs.Panel>
        <Tabs.Panel value="groups">
          <Stack gap="xl">
            <GroupsSettings />
            <SessionSettings part="running" canEdit={canEdit} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="agreements">
          <AgreementsSettings canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="requirements">
          <Stack gap="xl">
            <SessionSettings part="requirements" canEdit={canEdit} />
            <MeasureSchedules canEdit={canEdit} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="backups">
          <Stack gap="xl">
            {canEdit ? (
              <Backups />
            ) : (
              <Text>Only an administrator can make or restore a backup.</Text>
            )}
            <SessionSettings part="backups" canEdit={canEdit} />
            <section aria-labelledby="data-settings">
              <Title order={2} size="h3" id="data-settings" mb="sm">
                Where the records are
              </Title>
              <Text size="sm">
                Records are kept on this computer, in <Code>{status.dataDir}</Code>, with a daily
                copy in its <Code>backups</Code> folder. They reach another computer only by a
                backup, a transfer file or the clinic server set up below.
              </Text>
            </section>
            {canEdit ? (
              <SyncSection />
            ) : (
              <Text>Only an administrator can set up sync between the clinic’s computers.</Text>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="security">
          <Stack gap="xl">
            <SessionSettings part="security" canEdit={canEdit} />
            {canEdit ? (
              <DataKey
                clinicName={status.clinic?.name ?? ''}
                timeZone={status.clinic?.timeZone ?? 'UTC'}
              />
            ) : (
              <Text>Only an administrator can change the clinic’s data key.</Text>
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </>
  )
}
