/**
 * All of Mantine's styles, in its layer (`@layer mantine`), so the app's own CSS wins whatever
 * the order the browser receives them in. The first screens (sign-in, lock, the loader) draw
 * with the few component styles main.tsx imports; every other screen imports this module, and
 * the app loads it as soon as its first frame is painted (issue 18, cold open).
 */
import '@mantine/core/styles.layer.css'
import '@mantine/notifications/styles.layer.css'
import '@mantine/charts/styles.layer.css'
import '@mantine/dates/styles.layer.css'
import '@mantine/dropzone/styles.layer.css'
import '@mantine/spotlight/styles.layer.css'

export {}
