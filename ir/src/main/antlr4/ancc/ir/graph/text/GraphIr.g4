// Grammar of the textual graph IR (.air files). See docs/ir.md for the reference.
// The parser facade is ancc.ir.graph.text.IrParser; generated classes never leave this package.
grammar GraphIr;

file       : 'module' MODULE_NAME '{' item* '}' EOF ;

item       : inputDecl | constDecl | nodeDecl | outputDecl ;

inputDecl  : 'input' VALUE ':' type ;

constDecl  : 'const' VALUE ':' type '=' constInit ;

constInit  : 'dense' '<' denseData '>'          # denseInit
           | 'blob' '<' INT ',' INT '>'         # blobInit
           | 'dense_elided' '<' INT '>'         # elidedInit
           ;

denseData  : number | '[' (number (',' number)*)? ']' ;

nodeDecl   : VALUE (',' VALUE)* '=' ident '(' (operand (',' operand)*)? ')' attrDict?
             ':' type (',' type)* location? placement? ;

placement  : 'place' '(' placePart (',' placePart)* ')' ;

placePart  : ident ('[' INT ':' INT ']')? ;

operand    : VALUE | '_' ;

attrDict   : '{' (attr (',' attr)*)? '}' ;

attr       : ident '=' attrValue ;

attrValue  : number                                  # numberValue
           | ident                                   # identValue
           | '[' (attrValue (',' attrValue)*)? ']'   # listValue
           ;

location   : 'loc' '(' STRING ')' ;

outputDecl : 'output' VALUE ;

type       : ident '[' (dim (',' dim)*)? ']' ;

dim        : INT | ident | STRING | '?' ;

number     : INT | FLOAT | 'inf' | '-inf' | 'nan' | NAN_BITS ;

// Keywords are also accepted where an identifier is expected (op, attribute, symbol names).
ident      : IDENT | 'module' | 'input' | 'const' | 'output' | 'dense' | 'blob' | 'dense_elided' | 'loc' | 'place' ;

MODULE_NAME  : '@' (BARE | STRING) ;
VALUE        : '%' (BARE | STRING) ;
NAN_BITS     : 'nan(0x' HEX+ ')' ;
FLOAT        : '-'? DIGITS '.' DIGITS EXPONENT? | '-'? DIGITS EXPONENT ;
INT          : '-'? DIGITS ;
IDENT        : [A-Za-z_] [A-Za-z0-9_]* ;
STRING       : '"' (ESC | ~["\\\r\n])* '"' ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
WS           : [ \t\r\n]+ -> skip ;

fragment BARE     : [A-Za-z0-9_.]+ ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
fragment ESC      : '\\' ( ["\\nrt] | 'u' HEX HEX HEX HEX ) ;
fragment HEX      : [0-9a-fA-F] ;
