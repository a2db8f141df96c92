/**
 * A small hand-built table of Pays de la Loire communes for the demo dataset only (real INSEE codes, EPCI SIRENs
 * and names checked against @etalab/decoupage-administratif by a test; coordinates are approximate town centres).
 * AOMs have no npm source: urban AOMs are the agglomerations' own EPCI, elsewhere the Région acts as AOM.
 */
export interface DemoCommune {
  /** INSEE code as extracts publish it: the commune, or the arrondissement municipal for Paris. */
  code: string;
  /** Current commune of an arrondissement municipal (`75056` for `75113`); absent when `code` is the commune. */
  com?: string;
  name: string;
  lat: number;
  lon: number;
  epci: string;
  aom: string;
  dep: string;
  /** Relative weight as a workplace (big towns attract commuters). */
  jobs: number;
}

export const PAYS_DE_LA_LOIRE = '52';
export const ILE_DE_FRANCE = '11';
/** Île-de-France Mobilités is the AOM of every commune of the région. */
const IDFM = '217500016';
const REGION_AOM = '234400034';

export const DEMO_AOM_NAMES: Readonly<Record<string, string>> = {
  '244400404': 'Nantes Métropole',
  '244400644': 'CARENE Saint-Nazaire Agglomération',
  '244400610': 'Cap Atlantique',
  '244900015': 'Angers Loire Métropole',
  '200071678': 'Cholet Agglomération',
  '248500589': 'La Roche-sur-Yon Agglomération',
  '200083392': 'Laval Agglomération',
  [REGION_AOM]: 'Région Pays de la Loire',
  [IDFM]: 'Île-de-France Mobilités',
};

export const DEMO_COMMUNES: readonly DemoCommune[] = [
  { code: '44109', name: 'Nantes', lat: 47.218, lon: -1.554, epci: '244400404', aom: '244400404', dep: '44', jobs: 40 },
  { code: '44162', name: 'Saint-Herblain', lat: 47.212, lon: -1.649, epci: '244400404', aom: '244400404', dep: '44', jobs: 8 },
  { code: '44143', name: 'Rezé', lat: 47.181, lon: -1.55, epci: '244400404', aom: '244400404', dep: '44', jobs: 5 },
  { code: '44190', name: 'Saint-Sébastien-sur-Loire', lat: 47.208, lon: -1.502, epci: '244400404', aom: '244400404', dep: '44', jobs: 2 },
  { code: '44114', name: 'Orvault', lat: 47.271, lon: -1.623, epci: '244400404', aom: '244400404', dep: '44', jobs: 2 },
  { code: '44215', name: 'Vertou', lat: 47.169, lon: -1.47, epci: '244400404', aom: '244400404', dep: '44', jobs: 2 },
  { code: '44026', name: 'Carquefou', lat: 47.297, lon: -1.491, epci: '244400404', aom: '244400404', dep: '44', jobs: 5 },
  { code: '44035', name: 'La Chapelle-sur-Erdre', lat: 47.299, lon: -1.553, epci: '244400404', aom: '244400404', dep: '44', jobs: 2 },
  { code: '44020', name: 'Bouguenais', lat: 47.178, lon: -1.624, epci: '244400404', aom: '244400404', dep: '44', jobs: 5 },
  { code: '44047', name: 'Couëron', lat: 47.212, lon: -1.723, epci: '244400404', aom: '244400404', dep: '44', jobs: 1 },
  { code: '44184', name: 'Saint-Nazaire', lat: 47.273, lon: -2.214, epci: '244400644', aom: '244400644', dep: '44', jobs: 12 },
  { code: '44069', name: 'Guérande', lat: 47.328, lon: -2.429, epci: '244400610', aom: '244400610', dep: '44', jobs: 2 },
  { code: '44195', name: 'Savenay', lat: 47.361, lon: -1.942, epci: '200072734', aom: REGION_AOM, dep: '44', jobs: 1 },
  { code: '44003', name: 'Ancenis-Saint-Géréon', lat: 47.366, lon: -1.177, epci: '244400552', aom: REGION_AOM, dep: '44', jobs: 2 },
  { code: '44043', name: 'Clisson', lat: 47.087, lon: -1.282, epci: '200067635', aom: REGION_AOM, dep: '44', jobs: 1 },
  { code: '44110', name: 'Nort-sur-Erdre', lat: 47.439, lon: -1.498, epci: '244400503', aom: REGION_AOM, dep: '44', jobs: 1 },
  { code: '44131', name: 'Pornic', lat: 47.115, lon: -2.102, epci: '200067346', aom: REGION_AOM, dep: '44', jobs: 1 },
  { code: '44036', name: 'Châteaubriant', lat: 47.717, lon: -1.376, epci: '200072726', aom: REGION_AOM, dep: '44', jobs: 2 },
  { code: '44015', name: 'Blain', lat: 47.476, lon: -1.763, epci: '244400453', aom: REGION_AOM, dep: '44', jobs: 1 },
  { code: '44087', name: 'Machecoul-Saint-Même', lat: 46.993, lon: -1.822, epci: '200071546', aom: REGION_AOM, dep: '44', jobs: 1 },
  { code: '49007', name: 'Angers', lat: 47.474, lon: -0.554, epci: '244900015', aom: '244900015', dep: '49', jobs: 20 },
  { code: '49099', name: 'Cholet', lat: 47.06, lon: -0.879, epci: '200071678', aom: '200071678', dep: '49', jobs: 6 },
  { code: '85191', name: 'La Roche-sur-Yon', lat: 46.67, lon: -1.426, epci: '248500589', aom: '248500589', dep: '85', jobs: 8 },
  { code: '53130', name: 'Laval', lat: 48.073, lon: -0.77, epci: '200083392', aom: '200083392', dep: '53', jobs: 6 },
];

/** Île-de-France communes for `atelier generate --region 11` (Paris by arrondissement, as extracts give it). */
export const ILE_DE_FRANCE_COMMUNES: readonly DemoCommune[] = [
  { code: '75108', com: '75056', name: 'Paris 8e Arrondissement', lat: 48.877, lon: 2.312, epci: '200054781', aom: IDFM, dep: '75', jobs: 40 },
  { code: '75113', com: '75056', name: 'Paris 13e Arrondissement', lat: 48.829, lon: 2.362, epci: '200054781', aom: IDFM, dep: '75', jobs: 15 },
  { code: '75115', com: '75056', name: 'Paris 15e Arrondissement', lat: 48.841, lon: 2.3, epci: '200054781', aom: IDFM, dep: '75', jobs: 15 },
  { code: '92012', name: 'Boulogne-Billancourt', lat: 48.835, lon: 2.241, epci: '200054781', aom: IDFM, dep: '92', jobs: 10 },
  { code: '92050', name: 'Nanterre', lat: 48.892, lon: 2.206, epci: '200054781', aom: IDFM, dep: '92', jobs: 12 },
  { code: '93066', name: 'Saint-Denis', lat: 48.936, lon: 2.357, epci: '200054781', aom: IDFM, dep: '93', jobs: 10 },
  { code: '93048', name: 'Montreuil', lat: 48.861, lon: 2.443, epci: '200054781', aom: IDFM, dep: '93', jobs: 4 },
  { code: '94028', name: 'Créteil', lat: 48.79, lon: 2.455, epci: '200054781', aom: IDFM, dep: '94', jobs: 5 },
  { code: '95018', name: 'Argenteuil', lat: 48.947, lon: 2.248, epci: '200054781', aom: IDFM, dep: '95', jobs: 3 },
  { code: '78646', name: 'Versailles', lat: 48.805, lon: 2.12, epci: '247800584', aom: IDFM, dep: '78', jobs: 6 },
  { code: '78361', name: 'Mantes-la-Jolie', lat: 48.99, lon: 1.717, epci: '200059889', aom: IDFM, dep: '78', jobs: 2 },
  { code: '95127', name: 'Cergy', lat: 49.036, lon: 2.076, epci: '249500109', aom: IDFM, dep: '95', jobs: 5 },
  { code: '95051', name: 'Beauchamp', lat: 49.013, lon: 2.19, epci: '200058485', aom: IDFM, dep: '95', jobs: 1 },
  { code: '91228', name: 'Évry-Courcouronnes', lat: 48.629, lon: 2.441, epci: '200059228', aom: IDFM, dep: '91', jobs: 4 },
  { code: '91377', name: 'Massy', lat: 48.731, lon: 2.271, epci: '200056232', aom: IDFM, dep: '91', jobs: 5 },
  { code: '91471', name: 'Orsay', lat: 48.698, lon: 2.187, epci: '200056232', aom: IDFM, dep: '91', jobs: 4 },
  { code: '77284', name: 'Meaux', lat: 48.96, lon: 2.879, epci: '200072130', aom: IDFM, dep: '77', jobs: 3 },
  { code: '77288', name: 'Melun', lat: 48.539, lon: 2.66, epci: '247700057', aom: IDFM, dep: '77', jobs: 3 },
];

/** Régions the generator knows, by INSEE code. */
export type DemoRegion = typeof PAYS_DE_LA_LOIRE | typeof ILE_DE_FRANCE;

/**
 * Each generator région: its communes and the incentive campaign the registry columns of generated rows carry
 * (a demonstration campaign paying trips that touch `aom`; not one of the catalogue's real campaigns).
 */
export const DEMO_REGIONS: Readonly<Record<DemoRegion, { communes: readonly DemoCommune[]; campaign: { id: string; name: string; aom: string } }>> = {
  [PAYS_DE_LA_LOIRE]: {
    communes: DEMO_COMMUNES,
    campaign: { id: '9001', name: 'Démonstration — Nantes Métropole', aom: '244400404' },
  },
  [ILE_DE_FRANCE]: {
    communes: ILE_DE_FRANCE_COMMUNES,
    campaign: { id: '9002', name: 'Démonstration — Île-de-France Mobilités', aom: IDFM },
  },
};

/** Operators of the demo, with their registry UUID (campaigns.md §9) and share of journeys. */
export const DEMO_OPERATORS = [
  { name: 'BlaBlaCar Daily', uuid: '0b361f5b-4651-45f1-8f59-5952d5e745fd', share: 0.55 },
  { name: 'Karos', uuid: '10c5fbcc-08b5-490e-a2cc-8ee2890f0a80', share: 0.25 },
  { name: 'Klaxit', uuid: '189e8a6f-19fc-4a8c-b8fc-c421ff54b4c5', share: 0.12 },
  { name: 'Mobicoop', uuid: '5ae9a895-87aa-42e5-a984-2ae8065d8bb0', share: 0.08 },
] as const;
