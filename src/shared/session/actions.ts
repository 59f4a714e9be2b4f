import type { SessionAction, SessionEvent } from '../domain/session'
import { fail, ok, type Result } from '../result'
import { agreementsOnProjector } from './agreements'
import { nextSegmentId, previousSegmentId } from './navigation'
import { canReorder, proposeRebalance } from './rebalance'
import { sessionState } from './state'
import type { SessionLog } from './types'

export interface ActionSettings {
  wrapUpMinutes: number
  minimumSegmentMinutes: number
}

/**
 * Checks a facilitator's action against the session as it stands and answers
 * the events to append to its log, or why it cannot be done. The service
 * stamps nothing itself: `now` is the one clock, injected.
 */
export function eventsForAction(
  log: SessionLog,
  action: SessionAction,
  now: number,
  settings: ActionSettings
): Result<SessionEvent[]> {
  const at = new Date(now).toISOString()
  const state = sessionState(log, now, { wrapUpMinutes: settings.wrapUpMinutes })
  const segment = (id: string) => state.segments.find((s) => s.segmentId === id)
  const notRunning = () =>
    state.status === 'planned'
      ? refuse('The session has not started yet. Start it first.')
      : refuse('The session has ended; it can no longer be changed.')
  const live = state.status === 'running' || state.status === 'paused'
  /** Entering a module's segment for the first time puts its first slide up: that is a slide shown. */
  const firstSlide = (segmentId: string | undefined): SessionEvent[] => {
    const planned = log.segments.find((s) => s.id === segmentId)
    if (!planned?.module?.slides.length || state.currentSlide[planned.id] !== undefined) return []
    return [{ type: 'slide_shown', at, segmentId: planned.id, slideIndex: 0 }]
  }

  switch (action.type) {
    case 'start':
      if (state.status !== 'planned') return refuse('The session has already started.')
      if (state.segments.every((s) => s.status === 'skipped')) {
        return refuse('Every segment is skipped; keep at least one to start the session.')
      }
      return ok([
        { type: 'started', at },
        ...firstSlide(state.segments.find((s) => s.status !== 'skipped')?.segmentId)
      ])
    case 'pause':
      if (state.status === 'paused') return refuse('The session is already paused.')
      if (!live) return notRunning()
      return ok([{ type: 'paused', at }])
    case 'resume':
      if (state.status === 'running') return refuse('The session is already running.')
      if (!live) return notRunning()
      return ok([{ type: 'resumed', at }])
    case 'adjust': {
      if (state.status === 'ended') return notRunning()
      const target = segment(action.segmentId)
      if (!target) return refuse('That segment is not on this session’s agenda.')
      if (target.status === 'done' || target.status === 'skipped') {
        return refuse(
          'Only the current segment or one still to come can be given more or less time.'
        )
      }
      const deltaMs = action.minutes * 60_000
      if (target.budgetMs + deltaMs < 0) {
        return refuse('This segment has no planned time left to take away.')
      }
      return ok([{ type: 'time_adjusted', at, segmentId: target.segmentId, deltaMs }])
    }
    case 'next': {
      if (!live) return notRunning()
      const id = nextSegmentId(state)
      if (!id) return refuse('This is the last segment. End the session when the group is done.')
      return ok([{ type: 'segment_changed', at, segmentId: id }, ...firstSlide(id)])
    }
    case 'previous': {
      if (!live) return notRunning()
      const id = previousSegmentId(state)
      if (!id) return refuse('This is the first segment; there is none before it.')
      return ok([{ type: 'segment_changed', at, segmentId: id }, ...firstSlide(id)])
    }
    case 'go_to': {
      if (!live) return notRunning()
      const target = segment(action.segmentId)
      if (!target) return refuse('That segment is not on this session’s agenda.')
      if (target.status === 'current') return refuse('That segment is already running.')
      return ok([
        { type: 'segment_changed', at, segmentId: target.segmentId },
        ...firstSlide(target.segmentId)
      ])
    }
    case 'skip': {
      if (state.status === 'ended') return notRunning()
      const target = segment(action.segmentId)
      if (!target) return refuse('That segment is not on this session’s agenda.')
      if (target.status === 'current' || target.status === 'done') {
        return refuse('Only a segment still to come can be skipped or brought back.')
      }
      if ((target.status === 'skipped') === action.skipped) return ok([])
      return ok([
        { type: 'segment_skipped', at, segmentId: target.segmentId, skipped: action.skipped }
      ])
    }
    case 'reorder':
      if (state.status === 'ended') return notRunning()
      if (!canReorder(state, action.order)) {
        return refuse(
          'Only the segments still to come can change places; the current and finished ones stay where they are.'
        )
      }
      return ok([{ type: 'agenda_reordered', at, order: [...action.order] }])
    case 'accept_rebalance':
    case 'decline_rebalance': {
      if (!live) return notRunning()
      const proposal = proposeRebalance(state, settings.minimumSegmentMinutes)
      if (!proposal) return refuse('There is no overrun to rebalance just now.')
      if (action.type === 'decline_rebalance') {
        return ok([{ type: 'rebalance_declined', at, overrunMs: proposal.overrunMs }])
      }
      if (proposal.changes.length === 0) {
        return refuse('The segments still to come are already at their shortest.')
      }
      return ok([{ type: 'rebalanced', at, changes: proposal.changes }])
    }
    case 'show_slide': {
      if (state.status === 'ended') return notRunning()
      const planned = log.segments.find((s) => s.id === action.segmentId)
      if (!planned) return refuse('That segment is not on this session’s agenda.')
      const count = planned.module?.slides.length ?? 0
      if (count === 0) return refuse('This segment has no slides.')
      if (action.slideIndex >= count) return refuse(`This module has ${count} slides.`)
      return ok([{ type: 'slide_shown', at, segmentId: planned.id, slideIndex: action.slideIndex }])
    }
    case 'projector':
      if (state.status === 'ended') return notRunning()
      if (state.projectorMode === action.mode) return ok([])
      return ok([{ type: 'projector_mode', at, mode: action.mode }])
    case 'agreements':
      if (state.status === 'ended') return notRunning()
      if (agreementsOnProjector(log.events) === action.shown) return ok([])
      return ok([
        // A blank projector is lit again to show them.
        ...(action.shown && state.projectorMode === 'blank'
          ? [{ type: 'projector_mode' as const, at, mode: 'follow' as const }]
          : []),
        { type: 'agreements_shown', at, shown: action.shown }
      ])
    case 'end':
      if (!live) return notRunning()
      return ok([{ type: 'ended', at }])
  }
}

function refuse(message: string): Result<never> {
  return fail('conflict', message)
}
