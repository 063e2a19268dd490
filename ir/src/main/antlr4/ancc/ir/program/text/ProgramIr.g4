// Grammar of the crossbar mapping program text (.xbp files). See docs/isa.md for the reference.
// The parser facade is ancc.ir.program.text.ProgramParser; generated classes never leave this package.
grammar ProgramIr;

file       : 'program' SYMBOL 'chip' STRING 'sha256' STRING '{' decl* '}' EOF ;

decl       : inputDecl | outputDecl | constDecl | arrayDecl | bufferDecl | tileDecl ;

inputDecl  : 'input' VALUE ':' type ;

outputDecl : 'output' VALUE ':' type ;

constDecl  : 'const' SYMBOL ':' type '=' init ;

arrayDecl  : 'array' ARRAY ident 'tile' INT 'slot' INT 'layer' STRING 'in' range 'out' range
             'weight_bits' INT 'slices' INT 'slice_bits' INT ident 'cells' ':' type '=' init ;

range      : INT ':' INT ;

bufferDecl : 'buffer' VALUE ':' type 'tile' INT ('in' ident)? ;

tileDecl   : 'tile' INT ident '{' instr* '}' ;

instr      : 'load' VALUE '->' VALUE                                                   # loadInstr
           | 'store' VALUE '->' VALUE                                                  # storeInstr
           | 'send' VALUE '->' 'tile' INT VALUE 'route' intList                        # sendInstr
           | 'recv' 'tile' INT '->' VALUE                                              # recvInstr
           | 'im2col' VALUE '->' VALUE 'kernel_shape' intList 'strides' intList
             'pads' intList 'dilations' intList ('row_tile' INT)?                      # im2colInstr
           | 'quantize' VALUE '->' VALUE 'bits' INT ident 'scale' number               # quantizeInstr
           | 'mvm' ARRAY VALUE '->' VALUE ident 'input_bits' INT 'adc_bits' INT
             'full_scale' number                                                       # mvmInstr
           | 'shift_add' ARRAY VALUE ('inputs' VALUE)? '->' VALUE acc='accumulate'?    # shiftAddInstr
           | 'dequantize' VALUE '->' VALUE 'input_scale' number 'scale' SYMBOL
             ('bias' SYMBOL)?                                                          # dequantizeInstr
           | 'digital' ident '(' (operand (',' operand)*)? ')' attrDict?
             ('->' VALUE (',' VALUE)*)?                                                # digitalInstr
           | 'barrier' INT                                                             # barrierInstr
           ;

operand    : VALUE | SYMBOL | '_' ;

attrDict   : '{' (attr (',' attr)*)? '}' ;

attr       : ident '=' attrValue ;

attrValue  : number                                  # numberValue
           | ident                                   # identValue
           | '[' (attrValue (',' attrValue)*)? ']'   # listValue
           ;

init       : 'dense' '<' denseData '>'          # denseInit
           | 'blob' '<' INT ',' INT '>'         # blobInit
           | 'blob_u8' '<' INT ',' INT '>'      # blobU8Init
           | 'dense_elided' '<' INT '>'         # elidedInit
           ;

denseData  : number | '[' (number (',' number)*)? ']' ;

intList    : '[' (INT (',' INT)*)? ']' ;

type       : ident '[' (dim (',' dim)*)? ']' ;

dim        : INT | ident | STRING | '?' ;

number     : INT | FLOAT | 'inf' | '-inf' | 'nan' | NAN_BITS ;

// Keywords are also accepted where an identifier is expected (op, attribute, kind, symbol names).
ident      : IDENT | 'accumulate' | 'program' | 'chip' | 'sha256' | 'input' | 'output' | 'const' | 'array'
           | 'tile' | 'slot' | 'layer' | 'in' | 'out' | 'weight_bits' | 'slices' | 'slice_bits' | 'cells'
           | 'buffer' | 'load' | 'store' | 'send' | 'route' | 'recv' | 'im2col' | 'kernel_shape'
           | 'strides' | 'pads' | 'dilations' | 'row_tile' | 'quantize' | 'bits' | 'scale' | 'mvm' | 'input_bits'
           | 'adc_bits' | 'full_scale' | 'shift_add' | 'inputs' | 'dequantize' | 'input_scale' | 'bias'
           | 'digital' | 'barrier' | 'dense' | 'blob' | 'blob_u8' | 'dense_elided'
           ;

SYMBOL       : '@' (BARE | STRING) ;
VALUE        : '%' (BARE | STRING) ;
ARRAY        : '#' DIGITS ;
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
