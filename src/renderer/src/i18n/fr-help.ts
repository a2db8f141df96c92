/**
 * French texts of the « Aide » page (/aide): what the pages cannot say in one line, written for the people who use
 * the application from the project's documentation (campaign format, checks catalogue, statistics, personal data,
 * command line). Same rules as `fr.ts`: `{ } @ | $` are reserved by vue-i18n, so check codes are written « T04 »,
 * and code (commands, JSON) lives in the components, not here.
 */
export const helpFr = {
  title: 'Aide',
  intro:
    'Ce que les pages de l’application ne peuvent pas dire en une ligne : le format des définitions de campagne, les contrôles, les définitions des statistiques, la protection des données personnelles et les imports en ligne de commande.',
  contents: 'Sommaire',
  /** Text of the links other pages show towards a section of this page. */
  linkTo: 'Aide : {topic}',
  campaigns: {
    title: 'Format des définitions de campagne',
    intro:
      'Une campagne d’incitation est décrite par une définition au format JSON, comme celles du catalogue de la page Campagnes. L’éditeur de cette page la vérifie pendant la saisie, signale chaque problème à son emplacement et montre le montant d’un trajet type selon la distance.',
    units:
      'Les montants sont en centimes d’euro (150 pour 1,50 €), les distances en mètres (2000 pour 2 km). Une date est un jour « AAAA-MM-JJ », pris à minuit à Paris, ou un instant « AAAA-MM-JJTHH:MM » suivi de Z (temps universel) ou d’un décalage comme +01:00.',
    exampleTitle: 'Exemple',
    example:
      '1,50 € par passager pour les trajets de 2 à 80 km chez un opérateur, classes de preuve B et C, plus 0,10 € par kilomètre entre 15 et 30 km ; au plus 150 € par conducteur et par mois et 6 trajets par conducteur et par jour.',
    fieldsCaption: 'Champs d’une définition',
    field: 'Champ',
    meaning: 'Sens',
    fields: {
      format: 'toujours 1.',
      id: 'identifiant de la campagne : lettres, chiffres, tiret et souligné.',
      name: 'nom affiché.',
      description: 'les règles en français, telles que les lira l’équipe financière.',
      status: '« campaign » pour une campagne ; « template » pour un modèle de simulation, dont le territoire et la période se choisissent à la simulation et qui n’a aucun plafond.',
      territory: 'territoire de la campagne : un trajet compte si son départ ou son arrivée y est ; vide, tout trajet compte.',
      window: 'période, début « from » et fin « to » inclus ; null pour une borne ouverte.',
      timezone: 'fuseau du calendrier (Europe/Paris) : jours, mois, années et jours de la semaine.',
      budget_cents: 'budget global en centimes, appliqué après tous les plafonds ; null pour aucun.',
      payee: 'qui reçoit l’incitation : driver (conducteur), passenger (passager) ou both (les deux).',
      lists: 'listes nommées (jours, codes de territoires) auxquelles les règles renvoient ; une simulation peut en changer les valeurs.',
      shapes: 'zones géographiques nommées (GeoJSON) pour les conditions « dans la zone ».',
      rules: 'versions datées des règles d’éligibilité et de montant.',
      limits: 'plafonds par personne, par voyage ou pour la campagne.',
    },
    rulesTitle: 'Versions des règles',
    rules:
      'Chaque version a une date de début « from » (null pour la première : depuis toujours), une condition d’éligibilité et une formule de montant. Un trajet suit la dernière version commencée à sa date ; avant la première, rien n’est éligible. Les plafonds sont communs à toutes les versions.',
    conditionsTitle: 'Conditions d’éligibilité',
    conditions:
      'Une condition a un type ; « all » (toutes), « any » (au moins une) et « not » (le contraire) les combinent. Types : opérateur (liste, ou listes datées), classe de preuve, distance avec ses bornes (« [) » : minimum inclus, maximum exclu), territoire au départ, à l’arrivée, aux deux ou à l’un des deux, même territoire au départ et à l’arrivée, point dans une zone, passager majeur, jour de la semaine, jour d’une liste, instant entre deux dates, comparaison d’une valeur du trajet (distance, places, revenu du conducteur, contribution du passager), condition qui change selon la date. Chaque condition non remplie s’explique avec la valeur du trajet.',
    amountsTitle: 'Formules de montant',
    amounts:
      'Un montant est un arbre de formules, calculé en centimes et arrondi une seule fois au centime le plus proche : montant fixe, montant par kilomètre entre deux distances, valeur du trajet, somme, minimum, maximum, multiplication par un facteur, montant par passager, tranches de distance (cumulées ou exclusives), choix selon une condition, bonus multiplicateur (le premier qui s’applique, jamais cumulés), trajet gratuit pour le passager.',
    limitsTitle: 'Plafonds',
    limits:
      'Un plafond compte des trajets, des places ou des montants, par conducteur, par passager, par voyage ou pour toute la campagne, sur un jour, un mois, une année ou toute la campagne (calendrier de Paris). Ils s’appliquent dans cet ordre : places, trajets, montants, puis le budget. Le trajet qui atteint un plafond de montant reçoit le reste disponible ; comme au registre, un compteur déjà augmenté ne revient pas en arrière quand un plafond suivant réduit le montant.',
  },
  checks: {
    title: 'Contrôles : familles T, H, G et D',
    intro:
      'Les contrôles relisent les trajets de la base après chaque import et signalent ce qui mérite un examen. Ils ne modifient jamais les données : l’instructeur qualifie chaque signalement (fraude confirmée, légitime, demande d’informations), et seule la fraude confirmée sort des simulations, des exports et des statistiques.',
    codes:
      'Chaque contrôle a un code : la lettre de sa famille et un numéro (T04), suivis de la version de sa règle. La légende de la file de revue donne le nom et une explication d’une ligne de chacun, l’onglet « Paramètres » leurs seuils ; un contrôle peut être masqué dans la file sans être désactivé.',
    families: {
      trip: {
        term: 'T — un trajet à la fois',
        text: 'autopartage (la même personne conductrice et passagère), trajet trop court, distance incohérente avec le vol d’oiseau, vitesse, durée, boucle, nombre de places, montants, trajet de nuit, statut de fraude ou d’anomalie donné par le registre. L’itinéraire routé (T07) demande un calculateur d’itinéraire hors ligne : sans lui, il ne tourne pas.',
      },
      person: {
        term: 'H — l’historique d’une personne',
        text: 'trop de trajets dans une journée, trajets simultanés, même équipage trop rapproché, trajets successifs trop éloignés pour le temps écoulé (« téléportation »), changements de rôle, régularité robotique, volume ou gains élevés, part de trajets de nuit, comptes multiples.',
      },
      graph: {
        term: 'G — les liens entre personnes',
        text: 'identité reconstituée à travers plusieurs comptes, échange de rôles, cercle fermé, paire exclusive, conducteur « étoile », doublon chez plusieurs opérateurs, groupe de voitures simultanées ; et les moniteurs de territoire (croissance, remplissage, nuit, part de rejets d’un opérateur), qui ne désignent ni trajet ni personne.',
      },
      declared: {
        term: 'D — les trajets déclarés',
        text: 'D01 : un trajet déclaré par un covoitureur sans application en conflit avec ses autres trajets (chevauchement, vitesse impossible, doublon d’un trajet du registre).',
      },
    },
    severities:
      'Gravité : « élevée » quand le trajet est impossible ou la règle clairement enfreinte, « à vérifier » pour ce qui demande un regard, « information » pour un contexte utile. La file de revue présente d’abord les plus graves, puis ce que le plus de contrôles différents signalent, puis les incitations en jeu.',
    limitsTitle: 'Ce que les extraits permettent de voir',
    limits: {
      hours: 'Les heures publiées sont arrondies aux 10 minutes supérieures : deux trajets ne se chevauchent certainement que de plus de 10 minutes.',
      coordinates: 'Les coordonnées sont tronquées (mailles d’environ 1,1 km ou 110 m) : les distances jugées impossibles laissent cette marge.',
      territory: 'Un extrait ne contient que les trajets qui touchent son territoire : les comptes par personne sont des minimums, et un contrôle qui ne signale rien ne prouve rien.',
      identity: 'Ni téléphone ni nom : l’identité repose sur la clé d’identité du registre et les identifiants des opérateurs.',
    },
  },
  statistics: {
    title: 'Définitions des statistiques',
    intro:
      'Les chiffres reprennent les définitions de l’observatoire du registre de preuve de covoiturage, pour se comparer aux siens. Seuls comptent les trajets validés par le registre : ceux qu’il marque en fraude, en anomalie ou en attente sont exclus, comme ceux qu’un instructeur a confirmés frauduleux (page Contrôles).',
    terms: {
      journeys: { term: 'Trajets', text: 'couples conducteur–passager validés par le registre.' },
      passengers: { term: 'Passagers transportés', text: 'somme des places réservées par les passagers.' },
      carpools: { term: 'Covoiturages', text: 'voyages en voiture distincts (un conducteur et ses passagers), comptés par jour.' },
      carpoolers: { term: 'Covoitureurs', text: 'conducteurs et passagers distincts de chaque mois, additionnés sur les mois de la période.' },
      occupancy: { term: 'Personnes par véhicule', text: 'covoiturages et passagers réunis, divisés par les covoiturages.' },
      newcomers: { term: 'Nouveaux conducteurs et passagers', text: 'personnes dont le premier trajet de la base tombe dans la période.' },
      averages: { term: 'Distance et durée moyennes', text: 'somme des distances ou des durées, divisée par le nombre de trajets.' },
      internal: { term: 'Trajets internes', text: 'part des trajets qui partent et arrivent dans le territoire.' },
      co2: { term: 'CO₂ évité', text: 'kilomètres parcourus par les passagers, à 195 g d’équivalent CO₂ par kilomètre.' },
      incentives: { term: 'Incitations', text: 'incitations des campagnes du registre et incitations déclarées par les opérateurs.' },
    },
    directions:
      'Sens : « départ du territoire », « arrivée dans le territoire », « trajets internes » (les deux), « départ ou arrivée » (chaque trajet compté une fois, même interne).',
    calendar:
      'Jours et mois sont ceux de Paris, à la date du départ. Les chiffres clés et l’évolution suivent exactement les jours de la période ; les répartitions par heure, par opérateur et par classe, les palmarès de communes et les flux couvrent les mois entiers qui la recoupent.',
    updates:
      'Les statistiques se recalculent d’elles-mêmes, pour les mois touchés, après chaque import d’extrait, chargement de données de démonstration ou import du référentiel des AOM.',
  },
  privacy: {
    title: 'Données personnelles',
    intro:
      'Les extraits « territoire », « opérateur » et les extractions régionales contiennent des données personnelles pseudonymisées, pas anonymes : identifiants des conducteurs et des passagers chez leur opérateur, clés d’identité du registre, lieux et heures de départ et d’arrivée, montants versés. Les données ouvertes n’en ont pas. La base locale et certains exports les reprennent.',
    diskTitle: 'Chiffrement : celui du disque',
    disk:
      'L’application ne chiffre ni la base ni les exports. Ce qui les protège d’un poste perdu ou volé, c’est le chiffrement du disque par le système : BitLocker sous Windows, FileVault sous macOS, LUKS sous Linux. La page « À propos / diagnostic » dit si le disque qui contient la base est chiffré et, sinon, comment l’activer. Poste allumé et session ouverte, les fichiers se lisent comme sans chiffrement : ce sont alors les droits des fichiers qui les protègent.',
    rightsTitle: 'Droits des fichiers',
    rights:
      'Sous Linux et macOS, le dossier de données, la base et chaque export ne sont lisibles que par le compte qui lance l’application. Sous Windows, ils prennent les droits du dossier du profil de l’utilisateur ; hors de ce profil (dossier partagé, lecteur réseau), vérifiez les droits du dossier avant d’y mettre des extraits. Les administrateurs du poste lisent tout.',
    pseudonymsTitle: 'Identifiants pseudonymisés',
    pseudonyms:
      'La base ne garde pas les identifiants que les opérateurs donnent à leurs utilisateurs : l’import les remplace par des pseudonymes calculés avec une clé propre à la base, rangée hors de la base. Qui a la base sans la clé ne peut pas retrouver un identifiant. Les clés d’identité du registre, déjà des empreintes, sont gardées telles quelles.',
    rejected:
      'Les lignes refusées à l’import sont gardées et montrées identités masquées, dans la page Données comme dans leur export.',
    exportsTitle: 'Ce que contiennent les exports',
    exports: {
      trips: 'Liste de trajets : ni clé d’identité ni identifiant d’utilisateur.',
      cases: 'Dossiers de contrôle : les pseudonymes de l’opérateur destinataire seulement, jamais ceux des autres opérateurs ni les clés d’identité.',
      workbooks: 'Classeurs APDF et statistiques : aucune donnée nominative.',
      outside: 'Un fichier envoyé hors de l’application (courriel, partage, clé USB) n’a plus que la protection de sa destination.',
    },
    links:
      'Un lien ne quitte l’application que vers le navigateur du système, et seulement en https : les sites de l’État s’ouvrent directement, les autres après confirmation.',
  },
  commandLine: {
    title: 'Import en ligne de commande',
    intro:
      'Certains fichiers sont trop gros pour être déposés dans une page, et certains traitements se font en série : la commande « atelier » fait alors la même chose que l’application, avec les mêmes traitements et sur la même base. Lancez-la dans un terminal (l’invite de commandes sous Windows) : elle affiche sa progression, et Ctrl+C l’arrête sans rien laisser de partiel. L’application peut rester ouverte pendant ce temps : un import attend la fin de celui en cours.',
    store: 'Sans autre option, elle travaille sur la base de l’application ; l’option --db suivie d’un nom de fichier en choisit une autre.',
    caption: 'Commandes',
    command: 'Commande',
    use: 'Usage',
    commands: {
      declarations: 'Trajets déclarés : un fichier au format du modèle, trop gros pour la page Déclarations (plus de 900 000 caractères).',
      extracts: 'Extraits du registre (CSV ou zip), un ou plusieurs fichiers, comme sur la page Données.',
      contours: 'Contours des communes pour les aplats de couleur de la Carte : le fichier ADMIN EXPRESS de l’IGN (zip) ou un GeoJSON.',
      stats: 'Classeur statistique d’un territoire, comme le bouton « Exporter en Excel » de la page Statistiques.',
      audit: 'Vérification du journal d’audit, avec le détail de chaque anomalie dans un format lisible par un programme.',
    },
  },
};
