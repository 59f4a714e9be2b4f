import { Code, Stack, Text, Title } from '@mantine/core'
import type { AppStatus } from '../../../../shared/ipc/contract'
import type { Staff } from '../../../../shared/domain/staff'
import { PageHeader } from '../../components/PageHeader'
import { ClinicSettings } from './ClinicSettings'
import { AgreementsSettings } from './AgreementsSettings'
import { Backups } from './Backups'
import { ClinicContacts } from './ClinicContacts'
import { DataKey } from './DataKey'
import { MeasureSchedules } from './MeasureSchedules'
import { SessionSettings } from './SessionSettings'
import { StaffSettings } from './StaffSettings'

export function SettingsPage({ status, staff }: { status: AppStatus; staff: Staff }) {
  return (
    <>
      <PageHeader
        title="Settings"
        description={staff.isAdmin ? undefined : 'Only an administrator can change these settings.'}
      />
      <Stack gap="xl">
        <section aria-labelledby="clinic-settings">
          <Title order={2} size="h3" id="clinic-settings" mb="sm">
            Clinic
          </Title>
          {status.clinic && <ClinicSettings clinic={status.clinic} canEdit={staff.isAdmin} />}
        </section>
        <SessionSettings canEdit={staff.isAdmin} />
        <AgreementsSettings canEdit={staff.isAdmin} />
        <ClinicContacts canEdit={staff.isAdmin} />
        <MeasureSchedules canEdit={staff.isAdmin} />
        <section aria-labelledby="staff-settings">
          <Title order={2} size="h3" id="staff-settings" mb="sm">
            Staff
          </Title>
          <StaffSettings me={staff} />
        </section>
        {staff.isAdmin && <Backups />}
        {staff.isAdmin && <DataKey />}
        <section aria-labelledby="data-settings">
          <Title order={2} size="h3" id="data-settings" mb="sm">
            Where the records are
          </Title>
          <Text size="sm">
            Records are kept on this computer only, in <Code>{status.dataDir}</Code>, with a daily
            copy in its <Code>backups</Code> folder.
          </Text>
        </section>
      </Stack>
    </>
  )
}
