/**
 * Test preload (`node --import`): moves this process's clock SHIFT_CLOCK_DAYS days ahead, as a
 * server whose clock has drifted, or that has passed midnight before the database has. Used only
 * by tests that start the site themselves.
 */
const days = Number(process.env['SHIFT_CLOCK_DAYS'] ?? '0');
if (Number.isFinite(days) && days !== 0) {
  const offset = days * 86_400_000;
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(realNow() + offset);
      else super(...(args as [string]));
    }
    static override now(): number {
      return realNow() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}
