// Shared helpers of the scale seed: deterministic hashing (SQL and JS), progress bar, chunked statements.

/** SQL: a deterministic non-negative bigint from an integer expression and a salt (same seed → same data). */
export function sqlHash(seed, salt) {
  return (expr) => `(hashint8extended((${expr})::int8, ${BigInt(seed) * 1000n + BigInt(salt)}) & 9223372036854775807)`;
}

/** SQL: deterministic uuid of entity `kind` number `expr` under the seed. */
export function sqlUuid(seed, kind, expr) {
  return `md5('${Number(seed)}:${kind}:' || (${expr}))::uuid`;
}

/** JS: 32-bit mix of (seed, index, salt) → [0, 1). Independent of batching, so any chunk size gives the same rows. */
export function jsRandom(seed, index, salt) {
  let x = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index | 0, 0x85ebca6b) ^ Math.imul(salt | 0, 0xc2b2ae35)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

export const pick = (arr, r) => arr[Math.floor(r * arr.length) % arr.length];

/** SQL array literal of strings (only our own constant word lists go through here). */
export const sqlArray = (arr) => `(ARRAY[${arr.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]::text[])`;

/** One-line progress bar on stderr with rows and rows/s; `done()` prints the final line. */
export class Progress {
  constructor() {
    this.totalRows = 0;
    this.started = Date.now();
  }
  start(label, total) {
    this.label = label;
    this.total = total;
    this.done_ = 0;
    this.units = 0;
    this.t0 = Date.now();
    this.lastDraw = 0;
    this.draw(true);
  }
  /** `n` rows written, covering `units` of the total (stations for per-station tables). */
  add(n, units = n) {
    this.units += units;
    this.done_ += n;
    this.totalRows += n;
    this.draw(false);
  }
  draw(force) {
    const now = Date.now();
    if (!force && now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const width = 30;
    const frac = this.total ? Math.min(1, this.units / this.total) : 1;
    const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '-');
    const secs = Math.max(0.001, (now - this.t0) / 1000);
    const rate = Math.round(this.done_ / secs);
    const line = `  [${bar}] ${this.label.padEnd(34)} ${fmt(this.done_).padStart(11)} rows ${String(Math.round(frac * 100)).padStart(3)}% ${fmt(rate).padStart(9)} rows/s ${secs.toFixed(1)}s`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else if (this.finishing) process.stderr.write(`${line}\n`);
    this.lastLine = line;
  }
  finish() {
    this.finishing = true;
    this.draw(true);
    this.finishing = false;
    if (process.stderr.isTTY) process.stderr.write('\n');
    return { rows: this.done_, seconds: (Date.now() - this.t0) / 1000 };
  }
}

export const fmt = (n) => Math.round(n).toLocaleString('en-US');

/**
 * Runs `sql` for [lo, hi) windows of `chunk` over [0, total): one server-side INSERT … SELECT
 * generate_series($1, $2 - 1) per window, so the progress bar moves and no statement runs for minutes.
 */
export async function chunked(client, progress, label, total, chunk, sql, extra = []) {
  progress.start(label, total);
  for (let lo = 0; lo < total; lo += chunk) {
    const hi = Math.min(total, lo + chunk);
    const res = await client.query(sql, [lo, hi, ...extra]);
    progress.add(res.rowCount ?? hi - lo, hi - lo);
  }
  return progress.finish();
}

/**
 * Runs `load` with the table's secondary indexes dropped and builds them again afterwards: one sorted build per
 * index instead of 30 M random btree inserts each (the `province` records load went from ~10 k to several times
 * that many rows/s). Indexes that back a constraint (the primary key) stay: other tables' foreign keys need them.
 */
export async function withSecondaryIndexesDeferred(client, progress, table, load) {
  const { rows: indexes } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [table],
  );
  for (const { name } of indexes) await client.query(`DROP INDEX ${name}`);
  const result = await load();
  progress.start(`${table} indexes (rebuilt)`, indexes.length);
  for (const { def } of indexes) {
    await client.query(def);
    progress.add(0, 1);
  }
  progress.finish();
  return result;
}

// Word lists for Chinese names and places.
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
export const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏建华红梅志强文辉力国庆海燕晓东雪梅丹丹建国春花小红德胜卫东'.match(
    /.{1,2}/g,
  );
export const STREETS = [
  '文艺路',
  '人民路',
  '建设路',
  '解放路',
  '五一路',
  '韶山路',
  '芙蓉路',
  '湘江路',
  '车站路',
  '新华路',
  '长江路',
  '红旗路',
  '迎宾路',
  '雷锋大道',
  '枫林路',
  '学院路',
  '桐梓坡路',
  '书院路',
  '建湘路',
  '银杉路',
];
export const COMMUNITIES = [
  '朝阳',
  '向阳',
  '幸福',
  '和平',
  '东风',
  '光明',
  '新桥',
  '龙泉',
  '桂花',
  '枫树',
  '荷花',
  '白沙',
  '金星',
  '清水塘',
  '马王堆',
  '月湖',
  '洞井',
  '井湾',
  '圭塘',
  '砂子塘',
];
export const ACTIVITY_TITLES = [
  '关爱空巢老人上门服务',
  '文明交通劝导',
  '社区环境清洁',
  '义务理发',
  '爱心助学辅导',
  '义诊与健康咨询',
  '防诈骗宣传',
  '垃圾分类指导',
  '便民维修',
  '关爱留守儿童',
  '文明旅游引导',
  '献血服务保障',
];
