/**
 * French texts of the « Paramètres » page, apart from `fr.ts` for size; same rules as there (`{ } @ | $` reserved by
 * vue-i18n).
 */
export const settingsFr = {
  title: 'Paramètres',
  intro: 'Réglages de ce poste : la base de données que l’application ouvre à son démarrage, et la clé de cette base.',
  store: {
    title: 'Base de données',
    currentLocal: 'Cette session travaille sur la base locale de ce poste :',
    currentShared: 'Cette session travaille sur la base partagée :',
    legend: 'Base ouverte au démarrage de l’application',
    local: 'Base locale (ce poste)',
    shared: 'Base partagée (PostgreSQL)',
    localHint: 'La base locale est un fichier de ce poste : rien à régler.',
    server: 'Serveur PostgreSQL',
    host: 'Hôte',
    hostHint: 'Nom du serveur ou adresse IPv4, donnés par son administrateur.',
    port: 'Port',
    portHint: '5432 d’ordinaire.',
    database: 'Base',
    databaseHint: 'Créée par l’administrateur du serveur ; vide, elle est préparée au premier démarrage.',
    user: 'Utilisateur',
    password: 'Mot de passe',
    passwordHint: 'Gardé chiffré par le trousseau du système, jamais écrit en clair.',
    passwordKept: 'Un mot de passe est enregistré pour ce serveur : laissez le champ vide pour le garder.',
    passwordNotKept: 'Sert au test de connexion, sans être enregistré : aucun trousseau du système ici.',
    noKeychain:
      'Aucun trousseau du système n’est disponible ici : le mot de passe sert au test de connexion mais n’est pas enregistré. Au démarrage, l’application lit le mot de passe dans la variable d’environnement PGPASSWORD ou dans le fichier ~/.pgpass de votre compte.',
    invalid: 'Corrigez les champs signalés.',
    test: 'Tester la connexion',
    testing: 'Test de la connexion…',
    save: 'Enregistrer',
    saved: 'Appliqué au prochain démarrage de l’application.',
    savedWithDbOption: 'Cette session a été lancée sur une base indiquée (--db) : ce choix vaudra pour les lancements sans --db.',
  },
  key: {
    title: 'Clé de la base',
    intro:
      'Le journal d’audit est scellé par une clé gardée hors de la base, sur chaque poste. Sur une base partagée, le premier poste la crée ; les autres la reçoivent de lui.',
    file: 'Fichier de la clé sur ce poste :',
    present: 'La clé de cette base est sur ce poste : le journal d’audit est scellé et vérifiable.',
    export: 'Exporter la clé pour un autre poste',
    exported: 'Clé écrite dans {file}. Remettez ce fichier comme un mot de passe à l’agent de l’autre poste, puis effacez-le une fois importé.',
    importLegend: 'Importer la clé reçue d’un autre poste',
    path: 'Chemin du fichier de la clé',
    pathHint: 'Le fichier « clé-base-….json » exporté depuis un poste qui a la clé de cette base.',
    import: 'Importer la clé',
    imported: 'Clé installée : le journal d’audit est de nouveau scellé sur ce poste.',
    pathMissing: 'Indiquez le chemin du fichier de la clé.',
  },
};
