import { comparePack } from '../../shared/curriculum/pack'
import { serializeModule } from '../../shared/curriculum/parse'
import { RuleError } from '../../shared/result'
import { clinicDate } from '../../shared/rules/dates'
import { isoNow, type ServiceContext } from './context'
import { readPackFile, writePack } from './curriculum-pack-files'

/** The library's modules (all, or the chosen ones) as one pack file. */
export function exportPack(ctx: ServiceContext, input: { moduleIds: string[] }) {
  const chosen = input.moduleIds.length ? input.moduleIds : ctx.curriculum.list().map((m) => m.id)
  const modules = chosen.map((id) => {
    const entry = ctx.curriculum.entry(id)
    const module = ctx.curriculum.get(id)
    if (!entry || !module)
      throw new RuleError(
        'not_found',
        `The module "${id.replace(/[^\p{L}\p{N}\p{P}\p{Zs}]/gu, '').slice(0, 80)}" is not in the library.`
      )
    return { id, version: module.version, text: entry.text }
  })
  const clinic = ctx.registry.data.clinic
  const bytes = writePack(modules, { createdAt: isoNow(ctx), createdBy: clinic?.name ?? '' })
  const day = clinicDate(ctx.now(), clinic?.timeZone ?? 'UTC')
  return {
    fileName: `curriculum-pack-${day}.zip`,
    base64: Buffer.from(bytes).toString('base64'),
    moduleCount: modules.length
  }
}

/** The modules of the pack at `path`, a file the person chose (never a path the page named). */
async function unpack(path: string) {
  const result = await readPackFile(path)
  if (!result.ok) throw new RuleError(result.error.code, result.error.message)
  return result.value.modules
}

function libraryTexts(ctx: ServiceContext) {
  return ctx.curriculum.list().flatMap((m) => {
    const entry = ctx.curriculum.entry(m.id)
    return entry ? [{ id: m.id, version: m.version, text: entry.text }] : []
  })
}

/** What an import would add or change, before anything is changed. */
export async function previewPack(ctx: ServiceContext, path: string) {
  return comparePack(await unpack(path), libraryTexts(ctx), serializeModule)
}

/** Applies a pack: nothing is changed unless every file in it is sound. */
export async function importPack(ctx: ServiceContext, path: string) {
  const modules = await unpack(path)
  const changes = comparePack(modules, libraryTexts(ctx), serializeModule)
  if (!ctx.actor) throw new RuleError('not_signed_in', 'Sign in to do that.')
  const changing = new Set(changes.filter((c) => c.action !== 'same').map((c) => c.id))
  await ctx.curriculum.importModules(
    modules.filter((m) => changing.has(m.id)),
    ctx.actor.id,
    isoNow(ctx)
  )
  return changes
}
