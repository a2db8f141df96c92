/**
 * French texts of the home page « Mon territoire » (territory picker, figures, flows, incentives, what waits, the
 * campaign discovery and the one-page report) and of the « À propos / diagnostic » page, apart from `fr.ts` for
 * size; same rules as there (`{ } @ | $` reserved by vue-i18n; three plural forms « zéro | un | plusieurs »).
 */
export const homeFr = {
  title: 'Mon territoire',
  titleWithName: 'Mon territoire : {name}',
  intro:
    'Le covoiturage de votre territoire d’après les extraits du registre de preuve de covoiturage de la base locale, ce qui vous attend, et comment aller jusqu’à une campagne d’incitation.',
  loading: 'Lecture des chiffres du territoire…',
  period: 'Du {from} au {to}.',
  comparedTo: 'Comparaison avec la même période un an plus tôt, du {from} au {to}.',
  noComparison: 'La base ne couvre pas la même période un an plus tôt : pas de comparaison.',
  change: 'Changer de territoire',
  noJourneys:
    'La base ne contient aucun trajet validé de ce territoire sur cette période. Choisissez un autre territoire, ou importez ses extraits depuis la page Données.',
  levels: { com: 'commune', epci: 'EPCI', aom: 'AOM', dep: 'département', reg: 'région' },
  emptyStore: {
    title: 'Votre base est vide',
    text: 'Importez un extrait du registre depuis la page Données, ou chargez des données de démonstration pour découvrir l’application sur un territoire.',
    link: 'Importer des extraits (page Données)',
  },
  picker: {
    title: 'Choisissez votre territoire',
    intro: 'Commune, EPCI, AOM, département ou région : le choix est enregistré sur ce poste et vous pourrez en changer.',
    label: 'Rechercher un territoire par son nom',
    hint: 'Deux lettres au moins, par exemple « Nantes » ; flèches haut et bas pour parcourir les résultats, Entrée pour choisir.',
    listLabel: 'Territoires trouvés',
    searching: 'Recherche en cours…',
    results: 'Aucun territoire ne correspond à « {text} ». | {count} territoire trouvé. | {count} territoires trouvés.',
    population: '{count} hab.',
    journeys: 'aucun trajet dans la base | {count} trajet dans la base | {count} trajets dans la base',
    suggestions: 'Ou choisissez l’un des territoires qui comptent le plus de trajets dans la base :',
    suggestion: '{name} ({level})',
    keep: 'Garder le territoire actuel',
  },
  figures: {
    title: 'Chiffres clés',
    journeys: 'Trajets',
    journeysHint: 'Couples conducteur–passager partant ou arrivant dans le territoire, validés par le registre.',
    carpools: 'Covoiturages',
    carpoolsHint: 'Trajets en voiture : un conducteur et ses passagers.',
    carpoolers: 'Covoitureurs',
    carpoolersHint: 'Conducteurs et passagers distincts de chaque mois, additionnés sur les mois.',
    distanceKm: 'Distance parcourue',
    distanceKmHint: 'Somme des distances des trajets.',
    incentivesCents: 'Incitations versées',
    incentivesCentsHint: 'Calculées par le registre pour les campagnes en cours.',
    operators: 'Opérateurs',
    operatorsHint: 'Opérateurs ayant déclaré au moins un trajet.',
    co2Tonnes: 'CO₂ évité',
    co2TonnesHint: 'Passagers-km × 195 g CO₂e.',
    km: '{value} km',
    tonnes: '{value} t',
    trend: {
      up: '+{percent} par rapport à la même période un an plus tôt',
      down: '−{percent} par rapport à la même période un an plus tôt',
      same: 'stable par rapport à la même période un an plus tôt',
      new: 'aucun la même période un an plus tôt',
      none: 'pas de comparaison sur un an',
    },
    internalShare: '{percent} des trajets sont internes au territoire.',
    explain: '{figure} : le détail dans Statistiques',
  },
  months: {
    title: 'Trajets par mois',
  },
  flows: {
    title: 'Principaux flux',
    caption: 'Flux entre communes les plus fréquents, dans les deux sens, seuil de confidentialité appliqué',
    origin: 'De',
    destination: 'Vers',
    journeys: 'Trajets',
    empty: 'Aucun flux au-dessus du seuil de confidentialité sur cette période.',
    link: 'Voir les flux sur la carte',
  },
  operators: {
    title: 'Part des opérateurs',
    caption: 'Trajets du territoire par opérateur',
    operator: 'Opérateur',
    journeys: 'Trajets',
    share: 'Part',
    link: 'Opérateurs dans Statistiques',
  },
  rhythm: {
    title: 'Heures et jours',
    hours: 'Trajets par heure de départ',
    weekdays: 'Trajets par jour de la semaine',
    hour: '{hour} h',
    link: 'Heures et jours dans Statistiques',
  },
  incentives: {
    title: 'Incitations déjà versées',
    summary: 'aucun trajet incité, {amount} | {journeys} trajet incité pour {amount} | {journeys} trajets incités pour {amount}',
    none: 'Aucune incitation du registre n’a été versée sur les trajets du territoire pendant la période.',
    caption: 'Qui a payé : campagnes et autorités',
    campaign: 'Campagne',
    authority: 'Autorité',
    journeys: 'Trajets incités',
    amount: 'Montant',
    unknownAuthority: 'non renseignée',
    link: 'Incitations dans Statistiques',
  },
  waiting: {
    title: 'Ce qui vous attend',
    rejected: 'aucune ligne rejetée | {rows} ligne rejetée à l’import | {rows} lignes rejetées à l’import',
    rejectedImports: 'aucun import | dans {count} import | dans {count} imports',
    rejectedLink: 'Voir les lignes rejetées (Données)',
    flagged: 'aucun trajet signalé à instruire | {count} trajet signalé pas encore instruit | {count} trajets signalés pas encore instruits',
    flaggedLink: 'Instruire les signalements (Contrôles)',
    simulations: 'aucune simulation enregistrée | {count} simulation enregistrée | {count} simulations enregistrées',
    simulationsLink: 'Voir les simulations (Campagnes)',
  },
  coverage: {
    title: 'La base',
    period: 'Trajets du {from} au {to}.',
    noPeriod: 'Aucun trajet dans la base.',
    lastSync: 'Dernière synchronisation le {at}.',
    neverSynced: 'Aucune synchronisation pour le moment.',
    dataLink: 'Imports et couverture (Données)',
    aboutLink: 'À propos / diagnostic de la base',
  },
  discovery: {
    title: 'Et si nous lancions une campagne ?',
    intro:
      'Les campagnes du catalogue les plus proches de votre territoire (taille, type de territoire, distance des trajets). Préparez-en un brouillon pour votre territoire et la période de la base, puis simulez-le sur vos trajets passés : combien, pour combien de trajets, pour qui.',
    loading: 'Recherche des campagnes comparables…',
    none: 'Aucune campagne du catalogue n’est comparable à ce territoire. Partez d’un modèle sur la page Campagnes.',
    similarity: 'Proximité : {percent}',
    territory: 'Territoire : {name}',
    model: 'Modèle, sans territoire',
    reasons: 'Pourquoi elle vous ressemble',
    howItPays: 'Comment elle paie',
    paid: 'Ce qu’elle a payé : {amount} pour {journeys} (trajets de la base).',
    paidJourneys: 'aucun trajet | {count} trajet | {count} trajets',
    notPaid: 'Ce qu’elle a payé : aucun de ses paiements n’est dans la base.',
    prepare: 'Préparer ce brouillon',
    preparing: 'Préparation du brouillon…',
  },
  report: {
    title: 'Rapport d’une page',
    intro:
      'Un PDF A4 à remettre aux élus : les chiffres clés de cette page, une carte des flux, un graphique et, si vous la choisissez, une simulation de campagne.',
    simulation: 'Simulation à joindre (facultatif)',
    noSimulation: 'Aucune',
    button: 'Rapport d’une page (PDF)',
    file: 'Fichier : {file}',
  },
  store: {
    title: 'Base de données locale',
    titleShared: 'Base de données partagée',
    loading: 'Lecture des informations de la base…',
    file: 'Fichier',
    address: 'Adresse',
    size: 'Taille',
    schema: 'Version du schéma',
    migrations: 'aucune migration appliquée | {count} migration appliquée | {count} migrations appliquées',
    engine: 'Moteur',
    countsCaption: 'Nombre de lignes par table',
    table: 'Table',
    rows: 'Lignes',
  },
  diskEncryption: {
    checking: 'Vérification du chiffrement du disque qui contient la base…',
    encrypted: 'Le disque qui contient la base est chiffré ({method})',
    encryptedNoMethod: 'Le disque qui contient la base est chiffré',
    notEncrypted:
      'Le disque qui contient la base n’est pas chiffré : qui lit ce disque hors du système (portable volé, disque retiré, image disque) lit la base et les exports.',
    unknown: 'L’application n’a pas pu savoir si le disque qui contient la base est chiffré.',
    howTo: {
      windows:
        'Pour le chiffrer : activez BitLocker (Panneau de configuration > Chiffrement de lecteur BitLocker) ou, sous Windows Famille, Paramètres > Confidentialité et sécurité > Chiffrement de l’appareil.',
      macos: 'Pour le chiffrer : Réglages Système > Confidentialité et sécurité > FileVault > Activer.',
      linux:
        'Pour le chiffrer : LUKS se choisit en général à l’installation du système (« Chiffrer le disque ») ; chiffrer un disque déjà installé (cryptsetup reencrypt) demande une sauvegarde et l’administrateur du poste.',
      other: 'Pour le chiffrer : activez le chiffrement du disque que propose le système.',
    },
    /** `{link}`: a link to the « Données personnelles » section of the « Aide » page. */
    doc: 'Ce que ce chiffrement protège, et ce qu’il ne protège pas : {link}.',
  },
  audit: {
    title: 'Journal d’audit',
    intro:
      'Chaque import, décision d’instruction et changement de réglage est inscrit au journal, scellé par une clé tenue hors de la base. La vérification dit si une entrée, une décision ou un réglage a été modifié ou supprimé depuis.',
    verify: 'Vérifier le journal',
    verifying: 'Vérification du journal en cours…',
    intact: 'Journal intact',
    broken: 'Journal non intègre',
    firstBroken: 'Première anomalie :',
    others: 'aucune autre anomalie | {count} autre anomalie | {count} autres anomalies',
    keyFile: 'Clé de la base (à sauvegarder avec elle, mais à part) :',
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
};

/** The « À propos / diagnostic » page: the store's internals that the home page showed before « Mon territoire ». */
export const aboutFr = {
  title: 'À propos / diagnostic',
  intro:
    'La base locale (fichier, schéma, nombre de lignes par table), le chiffrement du disque, le journal d’audit, les derniers travaux et les données de démonstration.',
};

/** Demo data: the first-run offer of the home page and the loader of the « À propos / diagnostic » page. */
export const demoFr = {
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
};

/** French names of the store's tables, as the « À propos / diagnostic » page counts their rows. */
export const tablesFr = {
  aom_communes: 'Communes et AOM',
  aom_names_learned: 'Noms d’AOM relevés',
  audit_log: 'Journal d’audit',
  import_batches: 'Lots d’import',
  import_staged_updates: 'Mises à jour en cours d’import',
  jobs: 'Travaux',
  operators: 'Opérateurs',
  rejected_rows: 'Lignes rejetées',
  settings: 'Réglages',
  trips: 'Trajets',
};
