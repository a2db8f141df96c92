/**
 * French texts of the Exports page (trip list, APDF workbook, files produced), apart from `fr.ts` for size; same
 * rules as there (`{ } @ | $` reserved by vue-i18n; plural forms separated by `|`).
 */
export const exportsFr = {
  title: 'Exports',
  intro:
    'Les fichiers de travail produits par l’application : classeurs statistiques de territoire, listes de trajets, classeurs APDF, dossiers de contrôle, lignes rejetées. Ils sont écrits dans le dossier des exports de ce poste.',
  files: 'Fichiers produits',
  openFolder: 'Ouvrir le dossier des exports',
  folderIs: 'Dossier des exports : {path}',
  empty: 'Aucun fichier pour le moment.',
  caption: 'Fichiers du dossier des exports, du plus récent au plus ancien',
  name: 'Fichier',
  kind: 'Contenu',
  size: 'Taille',
  modified: 'Produit le',
  kinds: {
    apdf: 'Classeur APDF',
    stats: 'Statistiques du territoire',
    trips: 'Liste de trajets',
    rejected: 'Lignes rejetées',
    cases: 'Dossier de contrôle',
    other: 'Autre',
  },
  howTo: 'Le classeur statistique d’un territoire se produit depuis la page Statistiques (bouton « Exporter en Excel ») ; les dossiers de contrôle par opérateur, depuis la page Contrôles.',
  /** The line under a file export's progress (`FileJobProgress`), which follows the job to its end. */
  file: {
    writing: 'Fichier en cours d’écriture : {file}',
    written: 'Fichier écrit : {file}',
    notWritten: 'Aucun fichier n’a été écrit.',
  },
  trips: {
    title: 'Liste de trajets',
    intro:
      'Les trajets de la base pour une période, et si besoin un territoire (départ ou arrivée) et un statut du registre. Les clés d’identité et identifiants des personnes ne sont pas exportés. Au-delà de 1 048 575 trajets, le classeur Excel continue sur d’autres feuilles.',
    // The territory fields are the shared ones (`TerritoryFields`, texts under `checks.territory`).
    status: 'Statut du registre',
    allStatuses: 'Tous les statuts',
    statuses: { ok: 'Valide (ok)', fraud_error: 'Fraude signalée', anomaly_error: 'Anomalie signalée', pending: 'En attente' },
    format: 'Format',
    formats: { xlsx: 'Classeur Excel (.xlsx)', csv: 'Texte CSV (.csv)' },
    csvDialect: 'Type de CSV',
    csvDialects: { 'excel-fr': 'Excel français (par défaut)', standard: 'CSV standard (point décimal, virgule)' },
    csvHint:
      'Excel français : séparateur « ; », virgule décimale, dates JJ/MM/AAAA hh:mm:ss, ouverture directe dans Excel. CSV standard : séparateur « , », point décimal, dates AAAA-MM-JJ hh:mm:ss, pour les logiciels de traitement de données.',
    submit: 'Exporter la liste',
  },
  apdf: {
    title: 'Classeur APDF',
    intro:
      'Attestation mensuelle de participation financière, au format du registre (nom de fichier, colonnes, formules), à partir des incitations du registre présentes dans les extraits, pour une campagne, un opérateur et un mois. Le classeur est relu et vérifié avec les contrôles de cohérence du registre.',
    sheets:
      'Le classeur contient la feuille « Trajets » : un trajet par ligne, ceux à 0 € compris. Comme au registre, il commence par une feuille « Synthèse par tranche » (incitations et trajets par tranche de distance) seulement pour une campagne qui déclare des tranches de distance. Les extraits ne les donnent pas : l’application les prend dans la définition de la campagne de son catalogue (page Campagnes) quand elle l’a ; sinon, le classeur n’a que la feuille « Trajets ».',
    none: 'Les extraits importés ne contiennent aucune incitation de campagne du registre.',
    label: 'Campagne, opérateur et mois',
    choice: '{campaign} — {operator} — {month} ({trips} trajet, {amount}) | {campaign} — {operator} — {month} ({trips} trajets, {amount})',
    submit: 'Produire le classeur APDF',
  },
};
