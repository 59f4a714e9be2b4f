import { Loader } from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import type { GroupInput } from '../../../../shared/domain/group'
import { api, unwrap } from '../../api'
import { keys, useStaffList, useStatus } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { emptyGroup, GroupForm } from './GroupForm'

export function NewGroupPage() {
  const navigate = useNavigate()
  const staff = useStaffList()
  // Whoever creates a group most often leads it: they are chosen to start with.
  const me = useStatus().data?.signedIn ?? null
  const create = useMutation({
    mutationFn: (values: GroupInput) => unwrap(api().groups.create(values)),
    onSuccess: (group) => navigate(`/groups/${group.id}`)
  })
  return (
    <>
      <PageHeader
        title="New group"
        description="A group meets on set days; participants join it."
      />
      {staff.isPending ? (
        <Loader aria-label="Loading staff" />
      ) : (
        <GroupForm
          initial={{ ...emptyGroup(), facilitatorIds: me ? [me.id] : [] }}
          staff={staff.data ?? []}
          submitLabel="Create group"
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) => create.mutate(values)}
          onCancel={() => navigate('/groups')}
        />
      )}
    </>
  )
}

export function EditGroupPage() {
  const { groupId = '' } = useParams()
  const navigate = useNavigate()
  const staff = useStaffList()
  const group = useQuery({
    queryKey: keys.group(groupId),
    queryFn: () => unwrap(api().groups.get({ groupId }))
  })
  const save = useMutation({
    mutationFn: (values: GroupInput) => unwrap(api().groups.update({ groupId, group: values })),
    onSuccess: () => navigate(`/groups/${groupId}`)
  })
  if (group.isError) return <ErrorNotice error={group.error} />
  if (group.isPending || staff.isPending) return <Loader aria-label="Loading the group" />
  const { id: _id, createdAt: _c, updatedAt: _u, ...initial } = group.data
  return (
    <>
      <PageHeader title={`Edit ${group.data.name}`} />
      <GroupForm
        initial={initial}
        staff={staff.data ?? []}
        submitLabel="Save changes"
        pending={save.isPending}
        error={save.error}
        onSubmit={(values) => save.mutate(values)}
        onCancel={() => navigate(`/groups/${groupId}`)}
      />
    </>
  )
}
