/**
 * French texts of the « Paramètres » page, apart from `fr.ts` for size; same rules as there (`{ } @ | $` reserved by
 * vue-i18n).
 */
export const settingsFr = {
  title: 'Paramètres',
  intro: 'Réglages de ce poste : la base de données que l’application ouvre à son démarrage.',
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
};
