/**
 * The first script the page runs (issue 18, cold open): it asks for the app's status and the
 * staff list (app/opening), and when nobody is signed in it shows the sign-in form written in
 * index.html, so a name can be chosen and a passphrase typed while the rest of the app's code
 * loads. The app then draws its own form in that one's place, with what was entered
 * (app/signInShell). Nothing here uses React or Mantine.
 */
import './boot.css'
import { opening } from './app/opening'
import { showSignInShell } from './app/signInShell'

void opening(300).then(showSignInShell)
