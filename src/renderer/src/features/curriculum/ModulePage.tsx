import {
  AspectRatio,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Menu,
  Paper,
  Stack,
  Text,
  Title
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, messageOf, unwrap } from '../../api'
import { useTimeFormat } from '../../app/clinicTime'
import { useStatus } from '../../app/queries'
import { clinicDateTime } from '../../../../shared/rules/dates'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { PrintHandout } from './PrintHandout'
import { SlideNotes, SlideView } from '../slides/SlideView'

/** One module: its slides exactly as the room sees them, the notes, and its earlier versions. */
export function ModulePage() {
  const { moduleId = '' } = useParams()
  const navigate = useNavigate()
  const timeFormat = useTimeFormat()
  const timeZone = useStatus().data?.clinic?.timeZone ?? 'UTC'
  const [index, setIndex] = useState(0)
  const module = useQuery({
    queryKey: ['curriculum', 'module', moduleId],
    queryFn: () => unwrap(api().curriculum.get({ moduleId }))
  })
  const source = useQuery({
    queryKey: ['curriculum', 'source', moduleId],
    queryFn: () => unwrap(api().curriculum.source({ moduleId }))
  })
  const duplicate = useMutation({
    mutationFn: () => unwrap(api().curriculum.duplicate({ moduleId })),
    onSuccess: (copy) => {
      notifications.show({ color: 'teal', message: `Made "${copy.title}"` })
      void navigate(`/curriculum/${encodeURIComponent(copy.id)}/edit`)
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Not duplicated', message: messageOf(e) })
  })
  const revert = useMutation({
    mutationFn: (versionIndex: number) =>
      unwrap(api().curriculum.revert({ moduleId, versionIndex })),
    onSuccess: () => notifications.show({ color: 'teal', message: 'The earlier version is back' }),
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Not reverted', message: messageOf(e) })
  })
  if (module.isError) return <ErrorNotice error={module.error} />
  if (!module.data) return <Loader aria-label="Opening the module" />
  const m = module.data
  const slide = m.slides[Math.min(index, m.slides.length - 1)]!
  const history = source.data?.history ?? []
  return (
    <Stack gap="md">
      <PageHeader
        title={m.title}
        description={`Week ${m.week} · ${m.kind === 'educational' ? 'Educational' : 'Skills'} · ${m.minutes} minutes · ${m.slides.length} slides`}
        actions={
          <Group gap="xs">
            <Button component={Link} to={`/curriculum/${encodeURIComponent(m.id)}/edit`}>
              Edit
            </Button>
            <Button
              variant="default"
              onClick={() => duplicate.mutate()}
              loading={duplicate.isPending}
            >
              Duplicate
            </Button>
            <Menu>
              <Menu.Target>
                <Button variant="default" disabled={history.length === 0}>
                  Earlier versions ({history.length})
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {history.map((v) => (
                  <Menu.Item key={v.index} onClick={() => revert.mutate(v.index)}>
                    Bring back the version saved{' '}
                    {clinicDateTime(Date.parse(v.savedAt), timeZone, timeFormat)}
                    {v.savedByName ? ` by ${v.savedByName}` : ' (shipped)'}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        }
      />
      {source.data?.newerShippedVersion !== null &&
        source.data?.newerShippedVersion !== undefined && (
          <Badge color="orange" variant="light" size="lg">
            A newer shipped version ({source.data.newerShippedVersion}) exists; your edited copy was
            kept.
          </Badge>
        )}
      <Paper withBorder p="md">
        <Title order={2} size="h4">
          Learning objectives
        </Title>
        <List size="sm">
          {m.objectives.map((o) => (
            <List.Item key={o}>{o}</List.Item>
          ))}
        </List>
        {m.materials.length > 0 && (
          <Text size="sm" mt="xs">
            <strong>Materials:</strong> {m.materials.join('; ')}
          </Text>
        )}
      </Paper>
      <Group justify="space-between">
        <Title order={2} size="h4">
          Slide {index + 1} of {m.slides.length}
        </Title>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => setIndex((i) => Math.max(0, i - 1))}
            disabled={index === 0}
          >
            ← Previous slide
          </Button>
          <Button
            variant="default"
            onClick={() => setIndex((i) => Math.min(m.slides.length - 1, i + 1))}
            disabled={index >= m.slides.length - 1}
          >
            Next slide →
          </Button>
        </Group>
      </Group>
      <AspectRatio ratio={16 / 9} maw={960}>
        <Paper
          withBorder
          p="xl"
          bg="#ffffff"
          style={{ overflow: 'hidden' }}
          aria-label="Slide as the room sees it"
        >
          <SlideView slide={slide} size="projector" />
        </Paper>
      </AspectRatio>
      <Paper withBorder p="md" maw={960}>
        <SlideNotes notes={slide.notes} />
        {slide.minutes !== null && (
          <Text size="sm" c="dimmed" mt="xs">
            About {slide.minutes} minutes on this slide.
          </Text>
        )}
      </Paper>
      {m.practice && (
        <Paper withBorder p="md" maw={960}>
          <Title order={2} size="h4" mb="xs">
            Practice
          </Title>
          <SlideNotes notes={m.practice} />
        </Paper>
      )}
      {m.homework && (
        <Paper withBorder p="md" maw={960}>
          <Title order={2} size="h4" mb="xs">
            Homework sheet
          </Title>
          <PrintHandout moduleId={m.id} />
          <SlideNotes notes={m.homework} />
        </Paper>
      )}
    </Stack>
  )
}
