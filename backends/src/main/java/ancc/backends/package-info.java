/**
 * Tile backends (memristor-CIM, SRAM-CIM, digital): supports / estimate / lower. Not built yet:
 * this module is empty until the backends issue (issue 3) lands; see docs/architecture.md.
 */
package ancc.backends;
