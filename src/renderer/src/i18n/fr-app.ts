/**
 * French texts of the application's shell (header, menu, skip links, footer, the access refusal of browser mode, the
 * error alert) and of the page navigation under paged lists, apart from `fr.ts` for size; same rules as there
 * (`{ } @ | $` reserved by vue-i18n).
 */
export const shellFr = {
  app: {
    title: 'Atelier Covoiturage',
    /** The two lines of the State's logo ("bloc-marque"). */
    logoFirstLine: 'République',
    logoSecondLine: 'Française',
    tagline: 'Registre de preuve de covoiturage — poste de travail hors ligne',
    homeLabel: 'Accueil',
    menu: 'Menu',
    closeMenu: 'Fermer',
    quickLinks: 'Liens utiles',
    pageTitle: '{page} — Atelier Covoiturage',
  },
  /** Shown alone when the browser-mode server refuses this tab (no access token, a wrong one, an old one). */
  access: {
    title: 'Accès refusé : ouvrez l’adresse affichée au lancement',
    what: 'Cette page a été ouverte sans le jeton d’accès de la session, ou avec un jeton qui n’est pas le bon. Ouvrez l’adresse complète que la commande « npm start » (ou « npm run serve ») a affichée dans le terminal : elle commence par http://127.0.0.1 et contient ce jeton.',
    restarted: 'Chaque lancement du serveur donne une nouvelle adresse : s’il a été relancé, seule la dernière adresse affichée fonctionne.',
  },
  /** Under every paged list (`PageNav`, and `NumberedPages` for the title of each page's link). */
  pages: {
    previous: 'Page précédente',
    next: 'Page suivante',
    page: 'Page {page} sur {pages}',
    number: 'Page {page}',
  },
  skipLinks: {
    label: 'Accès rapide',
    content: 'Contenu',
    menu: 'Menu',
    footer: 'Pied de page',
  },
  nav: {
    label: 'Menu principal',
    home: 'Accueil',
    data: 'Données',
    campaigns: 'Campagnes',
    checks: 'Contrôles',
    statistics: 'Statistiques',
    map: 'Carte',
    exports: 'Exports',
    attestations: 'Attestations',
    declarations: 'Déclarations',
    observatory: 'Observatoire',
    about: 'À propos / diagnostic',
    help: 'Aide',
    settings: 'Paramètres',
  },
  footer: {
    description:
      'Atelier Covoiturage fonctionne entièrement hors ligne : les extraits du registre de preuve de covoiturage et tout ce qui en est calculé restent sur ce poste.',
    backHome: 'Retour à l’accueil — Atelier Covoiturage',
    about: 'À propos / diagnostic',
    help: 'Aide',
  },
  errors: {
    unexpected: 'Erreur inattendue : {message}',
    close: 'Fermer le message',
  },
};
