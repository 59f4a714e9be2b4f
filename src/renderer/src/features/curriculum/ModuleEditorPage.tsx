import {
  Alert,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Textarea
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { parseModule } from '../../../../shared/curriculum/parse'
import { api, messageOf, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { SlideNotes, SlideView } from '../slides/SlideView'

/**
 * The module's file, edited as text, with the slides previewed beside it as
 * the room will see them. The header holds the objectives; each slide its
 * notes and time hint; the same file a clinic can read outside the app.
 */
export function ModuleEditorPage() {
  const { moduleId = '' } = useParams()
  const source = useQuery({
    queryKey: ['curriculum', 'source', moduleId],
    queryFn: () => unwrap(api().curriculum.source({ moduleId }))
  })
  if (source.isError) return <ErrorNotice error={source.error} />
  if (!source.data) return <Loader aria-label="Opening the module" />
  return <Editor moduleId={moduleId} initial={source.data.text} />
}

function Editor({ moduleId, initial }: { moduleId: string; initial: string }) {
  const navigate = useNavigate()
  const client = useQueryClient()
  const [text, setText] = useState(initial)
  const [slideIndex, setSlideIndex] = useState('0')
  const parsed = useMemo(() => parseModule(text, 'local'), [text])
  const save = useMutation({
    mutationFn: () => unwrap(api().curriculum.save({ moduleId, text })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['curriculum'] })
      notifications.show({ color: 'teal', message: 'Saved. The earlier version is kept.' })
      void navigate(`/curriculum/${encodeURIComponent(moduleId)}`)
    }
  })
  const module = parsed.ok ? parsed.value : null
  const index = module ? Math.min(Number(slideIndex), module.slides.length - 1) : 0
  const slide = module?.slides[index]
  return (
    <Stack gap="md">
      <PageHeader
        title={module ? `Edit: ${module.title}` : 'Edit module'}
        description="The header holds the objectives and materials; each slide starts with “# Title”, its notes follow “Notes:”, and “Minutes: N” gives its time. Slides are separated by a line of ---."
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Textarea
            label="Module text"
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            autosize
            minRows={24}
            maxRows={40}
            spellCheck
            styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="sm">
            {!parsed.ok && (
              <Alert color="red" title="This text cannot be saved yet" role="alert">
                {parsed.error.message}
              </Alert>
            )}
            {module && (
              <>
                <Select
                  label="Preview slide"
                  value={String(index)}
                  onChange={(value) => setSlideIndex(value ?? '0')}
                  allowDeselect={false}
                  data={module.slides.map((s, i) => ({
                    value: String(i),
                    label: `${i + 1}. ${s.title}`
                  }))}
                />
                <Paper withBorder p="lg" bg="#ffffff" aria-label="Slide preview">
                  {slide && <SlideView slide={slide} size="preview" />}
                </Paper>
                <Paper withBorder p="sm">
                  {slide && <SlideNotes notes={slide.notes} />}
                  <Text size="xs" c="dimmed" mt={4}>
                    {slide?.minutes
                      ? `Time hint: ${slide.minutes} min`
                      : 'No time hint on this slide'}{' '}
                    · {module.objectives.length} objectives · {module.slides.length} slides
                  </Text>
                </Paper>
              </>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      {save.isError && (
        <Alert color="red" title="Not saved" role="alert">
          {messageOf(save.error)}
        </Alert>
      )}
      <Group>
        <Button
          onClick={() => save.mutate()}
          loading={save.isPending}
          disabled={!parsed.ok || text === initial}
        >
          Save
        </Button>
        <Button
          variant="default"
          onClick={() => void navigate(`/curriculum/${encodeURIComponent(moduleId)}`)}
        >
          Cancel
        </Button>
      </Group>
    </Stack>
  )
}
