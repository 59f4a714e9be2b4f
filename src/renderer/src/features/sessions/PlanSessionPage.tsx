import {
  Alert,
  Button,
  Checkbox,
  Loader,
  MultiSelect,
  SimpleGrid,
  Stack,
  Title
} from '@mantine/core'
import { schemaResolver, useForm, type FormErrors } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { z } from 'zod'
import type { ModuleSummary } from '../../../../shared/curriculum/module'
import type { Group } from '../../../../shared/domain/group'
import { SessionPlanInput, type SegmentInput } from '../../../../shared/domain/session'
import type { Staff } from '../../../../shared/domain/staff'
import { api, messageOf, unwrap } from '../../api'
import {
  keys,
  useCurriculum,
  useGroup,
  useGroupAgenda,
  useStaffList,
  useStatus
} from '../../app/queries'
import { useToday } from '../../app/useToday'
import { DateField } from '../../components/DateField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { FormFooter } from '../../components/FormFooter'
import { PageHeader } from '../../components/PageHeader'
import { ModuleProposalPanel } from '../curriculum/ModuleProposalPanel'
import { AgendaEditor, type AgendaErrors, type SegmentDraft } from './AgendaEditor'
import { isolate } from '../../../../shared/rules/bidi'

interface PlanValues {
  date: string
  facilitatorIds: string[]
  segments: SegmentDraft[]
  saveAsDefault: boolean
}

const PlanForm = SessionPlanInput.omit({ groupId: true }).extend({ saveAsDefault: z.boolean() })
const AgendaOnly = SessionPlanInput.pick({ segments: true })

/** The form's errors about the agenda, keyed as the editor reads them. */
function agendaErrors(errors: FormErrors): { fields: AgendaErrors; whole: ReactNode } {
  const fields: AgendaErrors = {}
  for (const [path, message] of Object.entries(errors)) {
    if (path.startsWith('segments.')) fields[path.slice('segments.'.length)] = message
  }
  return { fields, whole: errors.segments }
}

function withoutAgendaErrors(errors: FormErrors): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).filter(([path]) => path !== 'segments' && !path.startsWith('segments.'))
  )
}

/** What the editor edits: a planned segment without its copy of the module's slides. */
function segmentInput({ id, kind, title, plannedMinutes, countable, moduleId }: SegmentInput) {
  return { id, kind, title, plannedMinutes, countable, moduleId }
}

function PlanSessionForm({
  group,
  sessionId,
  initial,
  staff,
  modules,
  makeUpFor = null
}: {
  group: Group
  /** Set when changing a planned session; absent when planning a new one. */
  sessionId?: string
  /** The cancelled session a new one makes up for. */
  makeUpFor?: string | null
  initial: PlanValues
  staff: Staff[]
  modules: ModuleSummary[]
}) {
  const navigate = useNavigate()
  const client = useQueryClient()
  const form = useForm<PlanValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: schemaResolver(PlanForm, { sync: true })
  })
  const facilitators = staff
    .filter((s) => s.active || initial.facilitatorIds.includes(s.id))
    .map((s) => ({ value: s.id, label: `${isolate(s.fullName)}, ${s.credentials}` }))

  const save = useMutation({
    mutationFn: async ({
      plan,
      saveAsDefault
    }: {
      plan: SessionPlanInput
      saveAsDefault: boolean
    }) => {
      const session = await unwrap(
        sessionId ? api().sessions.updatePlan({ sessionId, plan }) : api().sessions.plan(plan)
      )
      // The session is saved by now: a refused default agenda must not make anyone plan it twice.
      let agendaError: unknown = null
      if (saveAsDefault) {
        try {
          await unwrap(
            api().sessions.saveAgenda({ groupId: plan.groupId, segments: plan.segments })
          )
        } catch (error) {
          agendaError = error
        }
      }
      return { session, saveAsDefault, agendaError }
    },
    onSuccess: ({ session, saveAsDefault, agendaError }) => {
      client.setQueryData(keys.session(session.id), session)
      if (agendaError) {
        notifications.show({
          color: 'red',
          title: 'The agenda was not saved as the group’s default',
          message: messageOf(agendaError)
        })
      } else if (saveAsDefault) {
        notifications.show({ color: 'teal', message: 'Saved as the group’s default agenda' })
      }
      void navigate(`/sessions/${session.id}`)
    }
  })

  const submit = (values: PlanValues) => {
    const plan = SessionPlanInput.safeParse({
      groupId: group.id,
      date: values.date,
      facilitatorIds: values.facilitatorIds,
      segments: values.segments,
      ...(makeUpFor ? { makeUpFor } : {})
    })
    if (plan.success) save.mutate({ plan: plan.data, saveAsDefault: values.saveAsDefault })
  }

  // After a refused save, the agenda's messages follow each change instead of pointing at rows that moved.
  const changeAgenda = (segments: SegmentDraft[]) => {
    form.setFieldValue('segments', segments)
    const shown = Object.keys(form.errors).some((path) => path.startsWith('segments'))
    if (!shown) return
    form.setErrors({
      ...withoutAgendaErrors(form.errors),
      ...schemaResolver(AgendaOnly, { sync: true })({ segments })
    })
  }
  const agenda = agendaErrors(form.errors)

  return (
    <form noValidate aria-label="Session plan" onSubmit={form.onSubmit(submit)}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
          <DateField label="Date" required {...form.getInputProps('date')} />
          <MultiSelect
            label="Facilitators"
            placeholder={facilitators.length ? 'Choose staff' : undefined}
            data={facilitators}
            searchable
            required
            {...form.getInputProps('facilitatorIds')}
          />
        </SimpleGrid>
        <section aria-labelledby="plan-agenda">
          <Title order={2} size="h3" id="plan-agenda" mb="xs">
            Agenda
          </Title>
          <AgendaEditor
            value={form.values.segments}
            onChange={changeAgenda}
            modules={modules}
            targetMinutes={group.defaultMinutes}
            errors={agenda.fields}
            error={agenda.whole}
          />
        </section>
        <ModuleProposalPanel
          groupId={group.id}
          date={form.values.date}
          chosen={{
            educational:
              form.values.segments.find((s) => s.kind === 'educational')?.moduleId ?? null,
            skills: form.values.segments.find((s) => s.kind === 'skills')?.moduleId ?? null
          }}
          onUse={(kind, moduleId) => {
            const index = form.values.segments.findIndex((s) => s.kind === kind)
            if (index >= 0) form.setFieldValue(`segments.${index}.moduleId`, moduleId)
          }}
        />
        <Checkbox
          label="Save this agenda as the group’s default"
          {...form.getInputProps('saveAsDefault', { type: 'checkbox' })}
        />
        <FormFooter
          error={save.error}
          errorTitle={sessionId ? 'The plan was not changed' : 'The session was not planned'}
          submitLabel={sessionId ? 'Save the plan' : 'Plan the session'}
          pending={save.isPending}
          onCancel={() =>
            void navigate(sessionId ? `/sessions/${sessionId}` : `/groups/${group.id}`)
          }
        />
      </Stack>
    </form>
  )
}

/** The group, the staff and the curriculum every plan needs, or what stops them loading. */
function usePlanBasics(groupId: string) {
  const group = useGroup(groupId)
  const staff = useStaffList()
  const curriculum = useCurriculum()
  const status = useStatus()
  const error = group.error ?? staff.error ?? curriculum.error ?? status.error
  const ready = group.data && staff.data && curriculum.data && status.data
  return {
    error,
    data: ready
      ? { group: group.data, staff: staff.data, modules: curriculum.data, me: status.data.signedIn }
      : null
  }
}

/** `/groups/:groupId/sessions/new`: the date, who facilitates, and the agenda. */
export function PlanSessionPage() {
  const { groupId = '' } = useParams()
  const today = useToday()
  const basics = usePlanBasics(groupId)
  const agenda = useGroupAgenda(groupId)
  const [search] = useSearchParams()
  const makeUpFor = search.get('makeUpFor')
  const cancelled = useQuery({
    queryKey: keys.session(makeUpFor ?? ''),
    queryFn: () => unwrap(api().sessions.get({ sessionId: makeUpFor! })),
    enabled: makeUpFor !== null
  })

  const error = basics.error ?? agenda.error
  if (error) return <ErrorNotice error={error} title="The plan could not be opened" />
  if (!basics.data || !agenda.data) return <Loader aria-label="Loading the plan" />
  const { group, staff, modules, me } = basics.data
  const active = new Set(staff.filter((s) => s.active).map((s) => s.id))
  const groupFacilitators = group.facilitatorIds.filter((id) => active.has(id))
  return (
    <>
      <PageHeader
        title={makeUpFor ? 'Plan a make-up session' : 'Plan a session'}
        description={
          makeUpFor
            ? `${group.name} · making up for the cancelled session of ${cancelled.data?.date ?? '…'}`
            : group.name
        }
      />
      <PlanSessionForm
        group={group}
        staff={staff}
        modules={modules}
        makeUpFor={makeUpFor}
        initial={{
          date: today,
          facilitatorIds: groupFacilitators.length ? groupFacilitators : me ? [me.id] : [],
          segments: agenda.data.map(segmentInput),
          saveAsDefault: false
        }}
      />
    </>
  )
}

/** `/sessions/:sessionId/plan`: change a session that has not started yet. */
export function EditSessionPlanPage() {
  const { sessionId = '' } = useParams()
  const session = useQuery({
    queryKey: keys.session(sessionId),
    queryFn: () => unwrap(api().sessions.get({ sessionId }))
  })
  const basics = usePlanBasics(session.data?.groupId ?? '')

  const error = session.error ?? basics.error
  if (error) return <ErrorNotice error={error} title="The plan could not be opened" />
  if (!session.data) return <Loader aria-label="Loading the plan" />
  const s = session.data
  if (s.events.some((e) => e.type === 'started')) {
    const ended = s.events.some((e) => e.type === 'ended')
    return (
      <>
        <PageHeader title="Change the plan" description={`${s.groupName} · ${s.date}`} />
        <Alert color="blue" title="This session has started" role="status">
          <Stack gap="sm" align="flex-start">
            {ended
              ? 'It has ended, so its plan stays as it was run.'
              : 'Change what is still to come from the running screen instead.'}
            <Button component={Link} to={ended ? `/sessions/${s.id}/summary` : `/sessions/${s.id}`}>
              {ended ? 'Open the summary' : 'Open the session'}
            </Button>
          </Stack>
        </Alert>
      </>
    )
  }
  if (!basics.data) return <Loader aria-label="Loading the plan" />
  const { group, staff, modules } = basics.data
  return (
    <>
      <PageHeader title="Change the plan" description={`${group.name} · ${s.date}`} />
      <PlanSessionForm
        group={group}
        sessionId={s.id}
        staff={staff}
        modules={modules}
        initial={{
          date: s.date,
          facilitatorIds: s.facilitatorIds,
          segments: s.segments.map(segmentInput),
          saveAsDefault: false
        }}
      />
    </>
  )
}
