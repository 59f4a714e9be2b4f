// This screen's styles (all of Mantine's): not loaded with the sign-in screen (issue 18).
import '../../app/styles'
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Title
} from '@mantine/core'
import { modals } from '@mantine/modals'
import { useMemo, useState } from 'react'
import { Link, Navigate, useParams } from 'react-router'
import type { ProjectorMode } from '../../../../shared/domain/session'
import type { SessionState } from '../../../../shared/session/types'
import { clinicTimeOfDay, clockFigure } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import { api, unwrap } from '../../api'
import { useSessionSettings, useStatus } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { AgendaPanel } from './AgendaPanel'
import { AgreementsPanel } from './AgreementsPanel'
import { CurrentSegment } from './CurrentSegment'
import { useLive, useLiveSession } from './liveSession'
import { LivePeoplePanel, LiveRebalance, LiveRoundPanel } from './LivePanels'
import { CancelledSession, CancelSessionButton } from './CancelSession'
import { ProtocolDialog, type OpenProtocol } from './ProtocolDialog'
import { ProtocolLauncher } from './ProtocolLauncher'
import { SessionClock } from './SessionClock'
import { ShortcutsHelp } from './Shortcuts'
import { MOD_KEY } from '../../app/KeyboardShortcuts'
import { SlidesPanel } from './SlidesPanel'
import { useChimes } from './useChimes'
import { useSession, useSessionAction } from './useSession'
import { useSessionKeys } from './useSessionKeys'
import { useWakeLock } from './useWakeLock'

const PROJECTOR_LABELS: Record<ProjectorMode, string> = {
  follow: 'Slides',
  timer: 'Timer',
  blank: 'Blank'
}

/** The facilitator's screen for a live group, readable at arm's length. */
export function RunSessionPage() {
  const timeFormat = useTimeFormat()
  const { sessionId = '' } = useParams()
  const session = useSession(sessionId)
  const settings = useSessionSettings()
  const status = useStatus()
  const act = useSessionAction(sessionId)
  const [help, setHelp] = useState(false)
  const [protocol, setProtocol] = useState<OpenProtocol | null>(null)
  const [dismissed, setDismissed] = useState<string[]>([])
  const [projectorLink, setProjectorLink] = useState(false)

  const data = session.data
  // The page follows the session's shape (status, segment, phase), not the
  // clock: its figures are small components that read `live` themselves, so a
  // tick repaints only them (issue 18).
  const live = useLiveSession(data, settings.data)
  const shape = useLive(live, shapeOf)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `shape` is what decides a new snapshot
  const state = useMemo(() => live.state(), [live, shape, data, settings.data])
  const running = state?.status === 'running' || state?.status === 'paused'
  useWakeLock(running)
  useChimes(state, settings.data)

  const current = state?.current ?? null
  const currentSegment = data?.segments.find((s) => s.id === current?.segmentId)
  const slides = currentSegment?.module?.slides ?? []
  const slideIndex = current ? (state?.currentSlide[current.segmentId] ?? 0) : 0
  const showSlide = (index: number) => {
    if (!current || index < 0 || index >= slides.length || index === slideIndex) return
    act.mutate({ type: 'show_slide', segmentId: current.segmentId, slideIndex: index })
  }

  useSessionKeys(
    {
      togglePause: () => {
        if (state?.status === 'running') act.mutate({ type: 'pause' })
        else if (state?.status === 'paused') act.mutate({ type: 'resume' })
      },
      nextSlide: () => showSlide(slideIndex + 1),
      previousSlide: () => showSlide(slideIndex - 1),
      nextSegment: () => {
        if (running) act.mutate({ type: 'next' })
      },
      toggleBlank: () =>
        act.mutate({
          type: 'projector',
          mode: state?.projectorMode === 'blank' ? 'follow' : 'blank'
        }),
      showHelp: () => setHelp(true)
    },
    state !== null && state.status !== 'ended'
  )

  if (session.isPending || settings.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Opening the session" />
      </Center>
    )
  }
  if (session.isError || settings.isError || !data || !state || !settings.data) {
    return (
      <Box p="xl">
        <ErrorNotice
          title="The session could not be opened"
          error={session.error ?? settings.error}
        />
        <Anchor component={Link} to="/groups">
          Back to groups
        </Anchor>
      </Box>
    )
  }
  if (state.status === 'ended') return <Navigate to={`/sessions/${sessionId}/summary`} replace />
  if (data.cancellation) return <CancelledSession session={data} />

  const timeZone = status.data?.clinic?.timeZone ?? 'UTC'
  const busy = act.isPending
  const audienceHref = `#/audience/${encodeURIComponent(sessionId)}`
  const jumps = state.clockJumps.filter((j) => !dismissed.includes(`jump-${j.at}`))
  const reopening = state.reopenings.filter((r) => !dismissed.includes(`reopen-${r.at}`)).at(-1)

  const openProjector = async () => {
    const result = await unwrap(api().sessions.openProjector({ sessionId })).catch(() => null)
    if (!result?.opened) setProjectorLink(true)
  }

  return (
    <Box p="md" maw={1600} mx="auto">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={0}>
            <Anchor component={Link} to={`/groups/${data.groupId}`} size="sm">
              ← {data.groupName}
            </Anchor>
            <Title order={1} size="h3">
              Session of {data.date}
            </Title>
          </Stack>
          <Group gap="xs">
            {running && (
              <Button
                size="md"
                color={state.status === 'paused' ? 'teal' : 'dark'}
                onClick={() => act.mutate({ type: state.status === 'paused' ? 'resume' : 'pause' })}
                disabled={busy}
              >
                {state.status === 'paused' ? '▶ Resume (Space)' : '❚❚ Pause (Space)'}
              </Button>
            )}
            <ProtocolLauncher onStart={(kind) => setProtocol({ kind })} />
            <Button variant="default" onClick={() => void openProjector()}>
              Open projector
            </Button>
            <SegmentedControl
              aria-label="Projector shows"
              value={state.projectorMode}
              onChange={(mode) => act.mutate({ type: 'projector', mode: mode as ProjectorMode })}
              data={(Object.keys(PROJECTOR_LABELS) as ProjectorMode[]).map((mode) => ({
                value: mode,
                label: PROJECTOR_LABELS[mode]
              }))}
            />
            <Button
              variant="subtle"
              onClick={() => setHelp(true)}
              aria-label="Keyboard shortcuts (?)"
            >
              ?
            </Button>
            {running && (
              <Button
                color="red"
                variant="light"
                disabled={busy}
                onClick={() =>
                  modals.openConfirmModal({
                    title: 'End the session now?',
                    children: (
                      <Text size="sm">
                        The timers stop and the session summary opens. This cannot be undone.
                      </Text>
                    ),
                    labels: { confirm: 'End the session', cancel: 'Keep running' },
                    confirmProps: { color: 'red' },
                    onConfirm: () => act.mutate({ type: 'end' })
                  })
                }
              >
                End session
              </Button>
            )}
          </Group>
        </Group>

        {projectorLink && (
          <Alert
            color="blue"
            title="Projector"
            withCloseButton
            onClose={() => setProjectorLink(false)}
          >
            Open this page on the projector’s screen:{' '}
            <Anchor href={audienceHref} target="_blank" rel="noopener">
              audience view
            </Anchor>
            . It shows slides and a timer, never a name.
          </Alert>
        )}
        {jumps.map((jump) => (
          <Alert
            key={jump.at}
            color="orange"
            title="The computer’s clock was changed"
            withCloseButton
            onClose={() => setDismissed((d) => [...d, `jump-${jump.at}`])}
          >
            At {clinicTimeOfDay(jump.at, timeZone, timeFormat)} the clock moved{' '}
            {jump.byMs > 0 ? 'forward' : 'back'} by {clockFigure(jump.byMs)}. The timers kept to the
            time that really passed.
          </Alert>
        ))}
        {reopening && (
          <Alert
            color="blue"
            title="Welcome back"
            withCloseButton
            onClose={() => setDismissed((d) => [...d, `reopen-${reopening.at}`])}
          >
            The app was closed for {clockFigure(reopening.closedMs)}. The session kept running, and
            every figure below includes that time.
          </Alert>
        )}

        {running && (
          <LiveRebalance
            live={live}
            minimumMinutes={settings.data.minimumSegmentMinutes}
            state={state}
            busy={busy}
            onAccept={() => act.mutate({ type: 'accept_rebalance' })}
            onIgnore={() => act.mutate({ type: 'decline_rebalance' })}
          />
        )}

        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="sm">
              {state.status !== 'planned' && <SessionClock live={live} timeZone={timeZone} />}
              {state.status === 'planned' ? (
                <Paper withBorder p="lg">
                  <Stack align="flex-start">
                    <Title order={2}>Ready when the group is</Title>
                    <Text>
                      {data.segments.length} segments,{' '}
                      {state.segments.reduce((t, s) => t + s.budgetMs, 0) / 60_000} minutes planned.
                      Take attendance as people arrive; start when you begin.
                    </Text>
                    <Group>
                      <Button
                        size="lg"
                        onClick={() => act.mutate({ type: 'start' })}
                        disabled={busy}
                      >
                        Start session
                      </Button>
                      <Button component={Link} to={`/sessions/${sessionId}/plan`} variant="default">
                        Edit plan
                      </Button>
                      <CancelSessionButton session={data} />
                    </Group>
                  </Stack>
                </Paper>
              ) : (
                <CurrentSegment
                  state={state}
                  live={live}
                  busy={busy}
                  onAdjust={(minutes) =>
                    current && act.mutate({ type: 'adjust', segmentId: current.segmentId, minutes })
                  }
                  onPrevious={() => act.mutate({ type: 'previous' })}
                  onNext={() => act.mutate({ type: 'next' })}
                />
              )}
              <LiveRoundPanel
                live={live}
                session={data}
                settings={settings.data}
                onSafety={(checklistId) => setProtocol({ checklistId })}
              />
              {currentSegment && current && (
                <SlidesPanel
                  segment={currentSegment}
                  live={live}
                  slideIndex={slideIndex}
                  busy={busy}
                  onShow={showSlide}
                />
              )}
              <AgreementsPanel session={data} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            {/* The agenda and the people stay in view while the left column scrolls: their
                own scroll, never the page's, reaches a long list. */}
            <Paper
              withBorder
              p="sm"
              style={{
                position: 'sticky',
                top: 8,
                maxHeight: 'calc(100vh - 16px)',
                overflowY: 'auto'
              }}
              data-testid="running-side-panel"
            >
              <Tabs defaultValue="agenda">
                <Tabs.List>
                  <Tabs.Tab value="agenda">Agenda</Tabs.Tab>
                  <Tabs.Tab value="people">
                    People{' '}
                    {data.safety.some((c) => !c.finishedAt) && (
                      <Badge color="red" size="xs" ml={4}>
                        Safety
                      </Badge>
                    )}
                  </Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="agenda" pt="sm">
                  <AgendaPanel
                    state={state}
                    live={live}
                    busy={busy}
                    act={(action) => act.mutate(action)}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="people" pt="sm">
                  <LivePeoplePanel
                    live={live}
                    session={data}
                    settings={settings.data}
                    timeZone={timeZone}
                    onSafety={(checklistId) => setProtocol({ checklistId })}
                  />
                </Tabs.Panel>
              </Tabs>
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
      <ShortcutsHelp
        opened={help}
        onClose={() => setHelp(false)}
        everywhere={[
          [`${MOD_KEY}+K`, 'Find a participant, group, notes or a page'],
          [`${MOD_KEY}+L`, 'Lock the screen now']
        ]}
      />
      <ProtocolDialog
        session={data}
        open={protocol}
        onOpen={setProtocol}
        onClose={() => setProtocol(null)}
      />
    </Box>
  )
}

/** What the page itself shows of the state: it repaints when this changes, not on a tick. */
function shapeOf(state: SessionState | null): string {
  if (!state) return ''
  const segments = state.segments.map((s) => `${s.segmentId}:${s.status}`).join(',')
  return `${state.status}|${state.currentIndex}|${state.phase}|${state.segmentPhase}|${segments}`
}
