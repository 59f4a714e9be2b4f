// This screen's styles (all of Mantine's): not loaded with the sign-in screen (issue 18).
import '../../app/styles'
import { Center, Text, VisuallyHidden } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo, type ReactNode } from 'react'
import { useParams } from 'react-router'
import { isRoundKind, type RoundKind } from '../../../../shared/domain/rounds'
import { agreementsOnProjector } from '../../../../shared/session/agreements'
import { turnTimer } from '../../../../shared/session/rounds'
import type { SessionState } from '../../../../shared/session/types'
import { api, unwrap } from '../../api'
import { keys } from '../../app/queries'
import { useLive, useLiveSession, type LiveSession } from '../sessions/liveSession'
import { useSessionUpdates } from '../sessions/useSession'
import { AgreementsFrame } from './AgreementsFrame'
import { RoundFrame } from './RoundFrame'
import { SlideFrame } from './SlideFrame'
import { TimerDisc } from './TimerDisc'

const CALM = '#10161f'

function Calm({ children, testId }: { children?: ReactNode; testId: string }) {
  return (
    <Center h="100vh" bg={CALM} data-testid={testId} p="xl">
      {children}
    </Center>
  )
}

/**
 * What the room sees on the projector: the group agreements at the opening,
 * the current slide, a round's questions and time left, a calm timer disc, or
 * nothing. It is sent only timing and slides (never a name, a note or a
 * safety step) and computes from the same log as the facilitator's screen.
 */
export function AudiencePage() {
  const { sessionId = '' } = useParams()
  const key = keys.audience(sessionId)
  // The change carries what the projector shows: it repaints with no request of its own.
  useSessionUpdates(sessionId, key, (payload) => payload.audience)
  const view = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api().sessions.audience({ sessionId })),
    staleTime: Infinity,
    // If the facilitator's screen is signed out for a moment, keep trying quietly.
    refetchInterval: (query) => (query.state.status === 'error' ? 5_000 : false)
  })
  // The page follows the session's shape; the disc and a round's timer follow the clock.
  const live = useLiveSession(view.data, TIMING, 500)
  const shape = useLive(live, shapeOf)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `shape` is what decides a new snapshot
  const state = useMemo(() => live.state(), [live, shape, view.data])

  if (!view.data) {
    return (
      <Calm testId="audience-waiting">
        <Text c="#8a99a6" fz={24}>
          Waiting for the facilitator’s screen…
        </Text>
      </Calm>
    )
  }
  if (!state) return null
  if (state.projectorMode === 'blank') {
    return (
      <Calm testId="audience-blank">
        <VisuallyHidden>The projector is blank for now.</VisuallyHidden>
      </Calm>
    )
  }
  if (agreementsOnProjector(view.data.events) && view.data.agreements.length > 0) {
    return <AgreementsFrame items={view.data.agreements} />
  }
  if (state.status === 'planned' || state.status === 'ended') {
    return (
      <Calm testId={state.status === 'planned' ? 'audience-welcome' : 'audience-thanks'}>
        <Text c="#e8eef2" fz={48} fw={600} ta="center">
          {state.status === 'planned'
            ? 'Welcome. We will begin soon.'
            : 'Thank you for being here today.'}
        </Text>
      </Calm>
    )
  }
  const current = state.current
  const segment = view.data.segments.find((s) => s.id === current?.segmentId)
  const slides = segment?.module?.slides ?? []
  if (state.projectorMode === 'follow' && current && slides.length > 0) {
    const index = Math.min(state.currentSlide[current.segmentId] ?? 0, slides.length - 1)
    return (
      <SlideFrame
        moduleTitle={segment?.module?.title ?? ''}
        slide={slides[index]!}
        index={index}
        count={slides.length}
      />
    )
  }
  if (current && isRoundKind(current.kind)) {
    return <LiveRoundFrame live={live} kind={current.kind} />
  }
  return (
    <Calm testId="audience-timer-screen">
      <LiveTimerDisc live={live} />
    </Calm>
  )
}

const TIMING = { wrapUpMinutes: 5 }

/** What decides which frame the room sees. */
function shapeOf(state: SessionState | null): string {
  if (!state) return ''
  const slide = state.current ? (state.currentSlide[state.current.segmentId] ?? 0) : -1
  return `${state.status}|${state.projectorMode}|${state.current?.segmentId}|${slide}`
}

function LiveRoundFrame({ live, kind }: { live: LiveSession; kind: RoundKind }) {
  const state = useLive(live, (s) => s)
  const log = live.log()
  if (!state?.current || !log) return null
  return (
    <RoundFrame
      kind={kind}
      turn={turnTimer(log, live.now(), state)}
      roundLeftMs={state.current.remainingMs}
      paused={state.status === 'paused'}
    />
  )
}

/** The disc moves by a thousandth and the caption by the minute: it repaints no more often. */
function LiveTimerDisc({ live }: { live: LiveSession }) {
  const shown = useLive(live, (state) => {
    const current = state?.current ?? null
    const left = current ? Math.max(0, current.remainingMs) : 0
    const minutes = Math.ceil(left / 60_000)
    const fraction = current && current.budgetMs > 0 ? left / current.budgetMs : 0
    const caption =
      state?.status === 'paused'
        ? 'Paused'
        : left === 0
          ? 'Wrapping up'
          : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left`
    return `${Math.round(fraction * 1000)}\n${caption}\n${current?.title ?? ''}`
  })
  const [permille, caption, title] = shown.split('\n')
  return (
    <TimerDisc fraction={Number(permille) / 1000} title={title ?? ''} caption={caption ?? ''} />
  )
}
