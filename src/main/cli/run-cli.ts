import { parseArgs } from 'node:util';
import { UserError } from '../../shared/ipc/result';
import { privilegeRefusal } from '../db/pg-errors';
import { CliError, EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USER_ERROR } from './cli-error';
import type { CliContext } from './cli-services';
import { aomImportCommand, aomSummaryCommand } from './commands/aom';
import { auditVerifyCommand, keyExportCommand, keyImportCommand } from './commands/audit';
import { dbCopyCommand, dbInitRolesCommand, dbPseudonymiseCommand } from './commands/db';
import { campaignListCommand, campaignRunCommand, campaignSimulateCommand, campaignValidateCommand } from './commands/campaign';
import { flagsCommand, scanCommand } from './commands/checks';
import { decideCommand, reviewCommand } from './commands/review';
import { demoCommand } from './commands/demo';
import { exportApdfCommand, exportCasesCommand, exportStatsCommand, exportTripsCommand } from './commands/export';
import { generateCommand } from './commands/generate';
import { importCommand, syncLogCommand } from './commands/import';
import { infoCommand } from './commands/info';
import { mapCommand } from './commands/map';
import { attestationCommand } from './commands/attestation';
import { declareCommand } from './commands/declare';
import { observatoryCommand } from './commands/observatory';
import { territoryCommand } from './commands/territory';
import { integerOption } from './commands/demo';

const USAGE = `Atelier Covoiturage — ligne de commande

Utilisation :
  atelier info [--db BASE] [--json]                         version du schéma et lignes par table
  atelier demo [--db BASE] [--trips N] [--seed S] [--patterns N] [--json]
                                                            charge les données de démonstration (N motifs suspects
                                                            étiquetés de chaque sorte) et les analyse
  atelier import FICHIER... [--db BASE] [--json]            importe des extraits du registre (.csv, .csv.gz, .zip)
  atelier sync-log [--db BASE] [--json] [--limit N]         journal des imports, du plus récent au plus ancien
  atelier aom import FICHIER [--db BASE] [--json]          importe le référentiel Cerema des AOM (.xlsx, .csv)
  atelier aom summary [--db BASE] [--json]                  communes et AOM connues, par source
  atelier map flows --level commune|epci|aom|dep --from AAAA-MM-JJ --to AAAA-MM-JJ --out FICHIER.geojson|.csv
                      [--territory NIVEAU:CODE] [--direction both|from|to|intra] [--min-count N]
                      [--days 1,…,7] [--bands night,morning,day,evening,late] [--db BASE] [--json]
                                                            flux de la Carte (seuil de confidentialité appliqué)
  atelier map contours import FICHIER [--level com|epci|aom|dep|reg] [--db BASE] [--json]
                                                            importe des contours pour la carte (zip IGN ADMIN EXPRESS,
                                                            .shp, GeoJSON) ; niveaux absents regroupés des communes
  atelier territory summary --level com|epci|aom|dep|reg --code CODE [--from AAAA-MM-JJ --to AAAA-MM-JJ]
                      [--db BASE] [--json]                  chiffres de la page « Mon territoire » (par défaut les trois
                                                            derniers mois complets de la base)
  atelier territory report --level NIVEAU --code CODE [--from AAAA-MM-JJ --to AAAA-MM-JJ]
                      [--campaign ID|--simulation N] --out FICHIER.pdf [--db BASE] [--json]
                                                            rapport d’une page (PDF A4) d’un territoire ; --campaign
                                                            simule d’abord une campagne du catalogue sur ses trajets
  atelier observatory publish --out DOSSIER [--level NIVEAU --code CODE] [--from AAAA-MM-JJ --to AAAA-MM-JJ]
                      [--db BASE] [--json]                  site statique de l’observatoire (index.html, sans adresse
                                                            externe ; par défaut les douze derniers mois complets)
  atelier export stats --level NIVEAU --code CODE --from AAAA-MM-JJ --to AAAA-MM-JJ --out FICHIER.xlsx
                      [--direction both|from|to|intra] [--db BASE] [--json]
                                                            classeur statistique d’un territoire
  atelier export trips --from AAAA-MM-JJ --to AAAA-MM-JJ [--level NIVEAU --code CODE] [--operator NOM]
                      [--status ok|fraud_error|anomaly_error|pending] --out FICHIER.csv|.xlsx [--include-confirmed-fraud]
                      [--csv excel|standard] [--db BASE] [--json]
                                                            liste de trajets (sans la fraude confirmée, sauf option) ;
                                                            CSV pour Excel français (« ; », virgule décimale) ou
                                                            standard (« , », point décimal)
  atelier export apdf --campaign ID|--from-simulation N --operator NOM --month AAAA-MM --out DOSSIER
                      [--include-confirmed-fraud] [--db BASE] [--json]
                                                            classeur APDF d’une campagne du registre
  atelier export cases [--operator NOM] [--from AAAA-MM-JJ --to AAAA-MM-JJ] --out DOSSIER [--db BASE] [--json]
                                                            dossiers de contrôle par opérateur et synthèse
  atelier campaign run --campaign ID|FICHIER --trips FICHIER.jsonl [--order chronological|input] [--window-from ISO]
                      [--window-to ISO] [--selector JSON] [--budget-cents N] [--list NOM=v1,v2,...]
                      [--counters-in FICHIER.json] [--counters-out FICHIER.json] [--out FICHIER.jsonl]
                                                            rejoue une campagne sur des trajets, au centime près
  atelier campaign simulate --campaign ID|FICHIER.json --from AAAA-MM-JJ --to AAAA-MM-JJ [--budget-cents N]
                      [--db BASE] [--json]                  simule une campagne sur les trajets de la base
                                                            (comme la page Campagnes) et l’enregistre
  atelier campaign list [--json]                            le catalogue des campagnes
  atelier campaign validate FICHIER                         vérifie une définition de campagne
  atelier scan [--db BASE] [--from AAAA-MM-JJ --to AAAA-MM-JJ] [--level NIVEAU --code CODE] [--json]
                                                            contrôles anti-fraude : signalements par contrôle
  atelier flags --check ID [--db BASE] [--json]             trajets signalés par un contrôle, avec leurs preuves
  atelier review [--persons] [--check ID] [--severity info|warning|high] [--decision none|confirmed|legitimate|info_requested]
                      [--limit N] [--db BASE] [--json]      file de revue, les signalements les plus graves d’abord
  atelier decide (--journey CLE | --person CLE)... --decision confirmed|legitimate|info_requested [--comment TEXTE]
                      [--db BASE] [--json]                  décision d’instruction, inscrite au journal d’audit
  atelier audit verify [--db BASE] [--key-dir DOSSIER] [--json]
                                                            vérifie le journal d’audit (chaîne à clé, ancre, décisions
                                                            et réglages) ; code 0 intact, 1 non intègre
  atelier db pseudonymise [--db BASE] [--json]             remplace les identifiants utilisateurs gardés en clair par
                                                            leurs pseudonymes (base d’une version précédente)
  atelier db copy --from BASE --to BASE [--json]           copie une base vers une base neuve (SQLite ↔ PostgreSQL) :
                                                            toutes les tables, reprise après interruption, nombres de
                                                            lignes vérifiés
  atelier db init-roles --db postgres://… [--prefix atelier] [--member UTILISATEUR:lecture|instruction|import]... [--json]
                                                            crée les rôles d’une base partagée (lecture, instruction,
                                                            import) et y inscrit des utilisateurs
  atelier db key export --db BASE --out FICHIER [--key-dir DOSSIER] [--json]
                                                            écrit la clé de la base pour le poste d’un collègue sur la
                                                            même base partagée (à remettre comme un mot de passe)
  atelier db key import FICHIER --db BASE [--key-dir DOSSIER] [--json]
                                                            installe sur ce poste la clé exportée, puis vérifie le
                                                            journal d’audit avec elle
  atelier attestation create --db BASE --person CLÉ --from AAAA-MM-JJ --to AAAA-MM-JJ --out FICHIER.pdf [--json]
                                                            attestation de covoiturage d’une personne (CLÉ : clé
                                                            d’identité, ou u:OPÉRATEUR:IDENTIFIANT), inscrite au registre
  atelier attestation verify FICHIER.pdf|--code CODE --db BASE [--json]
                                                            vérifie une attestation contre le registre ; code 0
                                                            authentique, 1 non authentique
  atelier attestation batch --db BASE (--persons FICHIER.csv | --campaign-simulation N) --from AAAA-MM-JJ
                      --to AAAA-MM-JJ --out DOSSIER [--json]
                                                            une attestation par personne de la liste (ou par conducteur
                                                            incité par la simulation) et une synthèse Excel
  atelier attestation issuer [--name NOM --siret SIRET] --db BASE [--json]
                                                            émetteur imprimé sur les attestations (réglages)
  atelier declare template --out FICHIER.csv [--json]      modèle du fichier de trajets déclarés (covoitureurs sans
                                                            application) : « ; », UTF-8, en-têtes en français
  atelier declare import FICHIER.csv [--db BASE] [--json]
                                                            importe des trajets déclarés (à part des preuves du
                                                            registre) : chaque ligne acceptée, doublon ou rejetée
  atelier generate --rows N --out FICHIER [--format F] [--seed S] [--region 52|11] [--from AAAA-MM-JJ] [--days N] [--json]
                                                            écrit un extrait synthétique (.csv, .csv.gz, .zip) ;
                                                            F : territory (défaut), operator, dump, opendata,
                                                            opendata2022, opendata2025

BASE : un fichier SQLite (créé s’il manque), ou une base PostgreSQL partagée postgres://UTILISATEUR@HÔTE:PORT/BASE
(mot de passe lu dans PGPASSWORD ou ~/.pgpass plutôt que dans l’adresse).
Sans --db, la base de l’utilisateur est utilisée (celle de l’application).
La clé de chaque base et l’ancre de son journal d’audit sont dans ATELIER_KEY_DIR, sinon dans le dossier
« Atelier Covoiturage - clés » de l’utilisateur, à côté du dossier des données par défaut.
Codes de sortie : 0 succès, 1 erreur d’utilisation (ou journal non intègre), 2 erreur interne.`;

/** Runs one `atelier` command line; answers the exit code. Never calls process.exit (tests call it directly). */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  // `atelier campaign --help`, `atelier import -h`…: the usage, which lists every command with its options.
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout(USAGE);
    return EXIT_OK;
  }
  try {
    switch (command) {
      case 'info': {
        const { values } = parseArgs({ args: rest, options: { db: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
        await infoCommand(context, { db: values.db, json: values.json });
        return EXIT_OK;
      }
      case 'import': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { db: { type: 'string' }, json: { type: 'boolean', default: false } },
          allowPositionals: true,
          strict: true,
        });
        await importCommand(context, positionals, values);
        return EXIT_OK;
      }
      case 'sync-log': {
        const { values } = parseArgs({
          args: rest,
          options: { db: { type: 'string' }, json: { type: 'boolean', default: false }, limit: { type: 'string' } },
          strict: true,
        });
        await syncLogCommand(context, { db: values.db, json: values.json, limit: integerOption('limit', values.limit, 1, 500) ?? 50 });
        return EXIT_OK;
      }
      case 'demo': {
        const { values } = parseArgs({
          args: rest,
          options: { db: { type: 'string' }, trips: { type: 'string' }, seed: { type: 'string' }, patterns: { type: 'string' }, json: { type: 'boolean', default: false } },
          strict: true,
        });
        await demoCommand(context, values);
        return EXIT_OK;
      }
      case 'aom': {
        const [action, ...args] = rest;
        const { values, positionals } = parseArgs({
          args,
          options: { db: { type: 'string' }, json: { type: 'boolean', default: false } },
          allowPositionals: true,
          strict: true,
        });
        if (action === 'import') await aomImportCommand(context, positionals[0], values);
        else if (action === 'summary') await aomSummaryCommand(context, values);
        else throw new CliError(`Action inconnue : aom ${action ?? ''} (attendu : import ou summary)`);
        return EXIT_OK;
      }
      case 'map':
        await mapCommand(context, rest);
        return EXIT_OK;
      case 'attestation':
        return await attestationCommand(context, rest);
      case 'declare':
        return await declareCommand(context, rest);
      case 'observatory':
        await observatoryCommand(context, rest);
        return EXIT_OK;
      case 'territory':
        await territoryCommand(context, rest);
        return EXIT_OK;
      case 'campaign': {
        const [action, ...args] = rest;
        const { values, positionals } = parseArgs({
          args,
          options: {
            campaign: { type: 'string' }, trips: { type: 'string' }, order: { type: 'string' }, 'window-from': { type: 'string' },
            'window-to': { type: 'string' }, selector: { type: 'string' }, 'budget-cents': { type: 'string' }, list: { type: 'string', multiple: true },
            'counters-in': { type: 'string' }, 'counters-out': { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false },
            db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
          },
          allowPositionals: true,
          strict: true,
        });
        if (action === 'run') await campaignRunCommand(context, values);
        else if (action === 'simulate') await campaignSimulateCommand(context, values);
        else if (action === 'list') campaignListCommand(context, values);
        else if (action === 'validate') campaignValidateCommand(context, positionals[0]);
        else throw new CliError(`Action inconnue : campaign ${action ?? ''} (attendu : run, simulate, list ou validate)`);
        return EXIT_OK;
      }
      case 'export': {
        const [what, ...args] = rest;
        const { values } = parseArgs({
          args,
          options: {
            db: { type: 'string' }, level: { type: 'string' }, code: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
            direction: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false },
            operator: { type: 'string' }, status: { type: 'string' }, campaign: { type: 'string' }, month: { type: 'string' }, 'from-simulation': { type: 'string' },
            'include-confirmed-fraud': { type: 'boolean' }, csv: { type: 'string' },
          },
          strict: true,
        });
        if (what === 'stats') await exportStatsCommand(context, values);
        else if (what === 'trips') await exportTripsCommand(context, values);
        else if (what === 'apdf') await exportApdfCommand(context, values);
        else if (what === 'cases') await exportCasesCommand(context, values);
        else throw new CliError(`Export inconnu : ${what ?? ''} (attendu : stats, trips, apdf ou cases)`);
        return EXIT_OK;
      }
      case 'scan': {
        const { values } = parseArgs({
          args: rest,
          options: { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, level: { type: 'string' }, code: { type: 'string' }, json: { type: 'boolean', default: false } },
          strict: true,
        });
        await scanCommand(context, values);
        return EXIT_OK;
      }
      case 'review': {
        const { values } = parseArgs({
          args: rest,
          options: {
            db: { type: 'string' }, persons: { type: 'boolean', default: false }, check: { type: 'string' }, severity: { type: 'string' },
            decision: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false },
          },
          strict: true,
        });
        await reviewCommand(context, values);
        return EXIT_OK;
      }
      case 'decide': {
        const { values } = parseArgs({
          args: rest,
          options: {
            db: { type: 'string' }, journey: { type: 'string', multiple: true }, person: { type: 'string', multiple: true },
            decision: { type: 'string' }, comment: { type: 'string' }, json: { type: 'boolean', default: false },
          },
          strict: true,
        });
        await decideCommand(context, values);
        return EXIT_OK;
      }
      case 'audit': {
        const [action, ...args] = rest;
        const { values } = parseArgs({
          args,
          options: { db: { type: 'string' }, 'key-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
          strict: true,
        });
        if (action !== 'verify') throw new CliError(`Action inconnue : audit ${action ?? ''} (attendu : verify)`);
        return (await auditVerifyCommand(context, values)) ? EXIT_OK : EXIT_USER_ERROR;
      }
      case 'db': {
        const [action, ...args] = rest;
        const { values, positionals } = parseArgs({
          args,
          options: {
            db: { type: 'string' }, json: { type: 'boolean', default: false }, from: { type: 'string' }, to: { type: 'string' },
            prefix: { type: 'string' }, member: { type: 'string', multiple: true }, out: { type: 'string' }, 'key-dir': { type: 'string' },
          },
          strict: true,
          allowPositionals: action === 'key',
        });
        if (action === 'pseudonymise') await dbPseudonymiseCommand(context, values);
        else if (action === 'copy') await dbCopyCommand(context, values);
        else if (action === 'init-roles') await dbInitRolesCommand(context, values);
        else if (action === 'key' && positionals[0] === 'export') await keyExportCommand(context, values);
        else if (action === 'key' && positionals[0] === 'import') return (await keyImportCommand(context, positionals[1], values)) ? EXIT_OK : EXIT_USER_ERROR;
        else throw new CliError(`Action inconnue : db ${[action, action === 'key' ? positionals[0] : undefined].filter(Boolean).join(' ')} (attendu : pseudonymise, copy, init-roles, key export ou key import)`);
        return EXIT_OK;
      }
      case 'flags': {
        const { values } = parseArgs({
          args: rest,
          options: { db: { type: 'string' }, check: { type: 'string' }, json: { type: 'boolean', default: false } },
          strict: true,
        });
        await flagsCommand(context, values);
        return EXIT_OK;
      }
      case 'generate': {
        const { values } = parseArgs({
          args: rest,
          options: {
            rows: { type: 'string' },
            format: { type: 'string' },
            seed: { type: 'string' },
            out: { type: 'string' },
            region: { type: 'string' },
            from: { type: 'string' },
            days: { type: 'string' },
            json: { type: 'boolean', default: false },
          },
          strict: true,
        });
        await generateCommand(context, values);
        return EXIT_OK;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        context.stdout(USAGE);
        return command === undefined ? EXIT_USER_ERROR : EXIT_OK;
      default:
        throw new CliError(`Commande inconnue : ${command} (atelier --help pour la liste)`);
    }
  } catch (error) {
    // A service's refusal (nothing to export, unknown simulation, …) is the user's to fix, as in the app's pages.
    if (error instanceof CliError || error instanceof UserError) {
      context.stderr(`Erreur : ${error.message}`);
      return EXIT_USER_ERROR;
    }
    // A shared store's refusal (the role may not do this) is the user's to sort out with the administrator.
    const refused = privilegeRefusal(error);
    if (refused !== null) {
      context.stderr(`Erreur : ${refused}`);
      return EXIT_USER_ERROR;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      context.stderr(`Erreur : ${error.message}`);
      return EXIT_USER_ERROR;
    }
    context.stderr(`Erreur interne : ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_INTERNAL_ERROR;
  }
}
