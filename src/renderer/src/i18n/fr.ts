/**
 * Every French text of the interface. vue-i18n reserves `{ } @ | $` in messages: `|` separates plural forms,
 * `{name}` interpolates; numbers are formatted before interpolation with `@shared/util/format`.
 */
export const fr = {
  app: {
    title: 'Atelier Covoiturage',
    /** The two lines of the State's logo ("bloc-marque"). */
    logoFirstLine: 'République',
    logoSecondLine: 'Française',
    tagline: 'Registre de preuve de covoiturage — poste de travail hors ligne',
    homeLabel: 'Accueil',
    menu: 'Menu',
    closeMenu: 'Fermer',
    pageTitle: '{page} — Atelier Covoiturage',
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
    exports: 'Exports',
  },
  footer: {
    description:
      'Atelier Covoiturage fonctionne entièrement hors ligne : les extraits du registre de preuve de covoiturage et tout ce qui en est calculé restent sur ce poste.',
    backHome: 'Retour à l’accueil — Atelier Covoiturage',
  },
  errors: {
    unexpected: 'Erreur inattendue : {message}',
    close: 'Fermer le message',
  },
  home: {
    title: 'Accueil',
    intro:
      'Votre poste de travail sur les extraits du registre de preuve de covoiturage. Tout est enregistré dans une base locale, sans connexion réseau.',
    store: {
      title: 'Base de données locale',
      loading: 'Lecture des informations de la base…',
      file: 'Fichier',
      size: 'Taille',
      schema: 'Version du schéma',
      migrations: 'aucune migration appliquée | {count} migration appliquée | {count} migrations appliquées',
      sqlite: 'Version de SQLite',
      countsCaption: 'Nombre de lignes par table',
      table: 'Table',
      rows: 'Lignes',
    },
    jobs: {
      followedTitle: 'Travaux suivis',
      recentTitle: 'Derniers travaux',
      recentCaption: 'Les derniers travaux lancés, les plus récents en premier',
      none: 'Aucun travail n’a encore été lancé.',
      kind: 'Travail',
      status: 'Statut',
      start: 'Début',
      duration: 'Durée',
      notEnded: 'en cours',
    },
  },
  demo: {
    offerTitle: 'Charger des données de démonstration ?',
    offerText:
      'La base est vide. Un jeu de trajets synthétiques, sans aucune donnée personnelle réelle, permet de découvrir l’application avant d’importer un extrait du registre. Vous pourrez aussi le charger plus tard depuis cette page.',
    sectionTitle: 'Données de démonstration',
    sectionText:
      'Génère dans la base locale des trajets synthétiques, reproductibles et sans aucune donnée personnelle réelle, pour essayer l’application.',
    tripsLabel: 'Nombre de trajets à générer',
    tripsHint: 'Nombre entier entre {min} et {max}.',
    tripsInvalid: 'Indiquez un nombre entier entre {min} et {max}.',
    load: 'Charger les données de démonstration',
    decline: 'Non merci',
    alreadyRunning: 'Un chargement de données de démonstration est en cours : attendez sa fin ou annulez-le.',
  },
  jobs: {
    kinds: {
      demoLoad: 'Chargement des données de démonstration',
    },
    status: {
      running: 'En cours',
      done: 'Terminé',
      failed: 'Échoué',
      cancelled: 'Annulé',
      interrupted: 'Interrompu',
    },
    steps: {
      generate: 'Génération des trajets',
      write: 'Écriture dans la base',
      finalize: 'Finalisation',
    },
    step: 'Étape : {step}',
    starting: 'Démarrage…',
    rows: '{current} / {total} lignes',
    rowsUnknownTotal: '{current} lignes',
    rate: '{rate} lignes/s',
    eta: 'Temps restant estimé : {eta}',
    cancel: 'Annuler',
    cancelling: 'Annulation demandée…',
    final: {
      done: 'Terminé.',
      failed: 'Échoué : {message}',
      failedUnknown: 'Échoué, sans message d’erreur.',
      cancelled: 'Annulé : les écritures partielles ont été défaites.',
      interrupted: 'Interrompu : le travail a été arrêté par la fermeture de l’application.',
    },
  },
  tables: {
    audit_log: 'Journal d’audit',
    import_batches: 'Lots d’import',
    jobs: 'Travaux',
    operators: 'Opérateurs',
    settings: 'Réglages',
    trips: 'Trajets',
  },
  comingSoon: {
    title: 'Page à venir',
    notYet: 'Cette page n’est pas encore disponible dans cette version.',
    data: {
      description:
        'Elle permettra d’importer les extraits du registre de preuve de covoiturage (fichiers CSV), de suivre chaque import et de consulter les trajets et opérateurs chargés dans la base locale.',
    },
    campaigns: {
      description:
        'Elle permettra de décrire des campagnes d’incitation (règles, budget, période, territoire), de partir de campagnes existantes et de les simuler sur des trajets passés.',
    },
    checks: {
      description:
        'Elle permettra de repérer les trajets et les personnes suspects, de les examiner dans une file de traitement et de consigner chaque décision dans le journal d’audit.',
    },
    statistics: {
      description:
        'Elle présentera les flux de covoiturage par territoire, leur évolution et les chiffres clés, calculés à partir des trajets de la base locale.',
    },
    exports: {
      description:
        'Elle produira les fichiers de travail : attestations de participation financière (APDF) par campagne, opérateur et mois, classeurs statistiques et extraits de trajets.',
    },
  },
};

/** Shape of the messages, the schema `createI18n` is typed with. */
export type MessageSchema = typeof fr;
