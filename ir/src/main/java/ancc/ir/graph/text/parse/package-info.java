/**
 * Reading shared by the ancc text formats (graph IR {@code .air}, crossbar program {@code .xbp}):
 * the parser setup with an error listener that throws {@code FILE:LINE:COL: msg}, a small
 * grammar-neutral form of the pieces both grammars have (numbers, types, op attribute
 * dictionaries, tensor initializers), and the one reader that checks them and builds
 * {@link ancc.ir.graph.Op}s, {@link ancc.ir.graph.TensorType}s and {@link ancc.ir.graph.Tensor}s.
 * Each format's package turns its own ANTLR parse tree into the neutral form; generated context
 * classes never reach this package.
 */
package ancc.ir.graph.text.parse;
