/* md5.js: hexMD5(s) for HTTP-CHAP login on the Wistakon MikroTik hotspot pages.
 *
 * A compact implementation of the MD5 message digest as specified in RFC 1321, written for
 * Wistakon and released under the project's MIT licence. RouterOS ships its own md5.js, Paul
 * Johnston's BSD-licensed implementation (pajhome.org.uk/crypt/md5); this file offers the same
 * hexMD5() function, so either one works with login.html.
 *
 * Every character counts as one byte (its code & 0xFF): RouterOS writes the CHAP id and
 * challenge as octal-escaped bytes such as '\371'.
 */
var MD5_K = [
  -680876936,-389564586,606105819,-1044525330,-176418897,1200080426,-1473231341,-45705983,
  1770035416,-1958414417,-42063,-1990404162,1804603682,-40341101,-1502002290,1236535329,
  -165796510,-1069501632,643717713,-373897302,-701558691,38016083,-660478335,-405537848,
  568446438,-1019803690,-187363961,1163531501,-1444681467,-51403784,1735328473,-1926607734,
  -378558,-2022574463,1839030562,-35309556,-1530992060,1272893353,-155497632,-1094730640,
  681279174,-358537222,-722521979,76029189,-640364487,-421815835,530742520,-995338651,
  -198630844,1126891415,-1416354905,-57434055,1700485571,-1894986606,-1051523,-2054922799,
  1873313359,-30611744,-1560198380,1309151649,-145523070,-1120210379,718787259,-343485551
];
var MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

function hexMD5(s) {
  var n = s.length, words = [], i, j;
  for (i = 0; i < n; i++) words[i >> 2] |= (s.charCodeAt(i) & 255) << ((i % 4) * 8);
  words[n >> 2] |= 128 << ((n % 4) * 8);
  var total = (((n + 8) >> 6) + 1) * 16;
  for (i = 0; i < total; i++) words[i] = words[i] | 0;
  words[total - 2] = n * 8;
  var a = 1732584193, b = -271733879, c = -1732584194, d = 271733878;
  for (i = 0; i < total; i += 16) {
    var aa = a, bb = b, cc = c, dd = d;
    for (j = 0; j < 64; j++) {
      var f, g;
      if (j < 16) { f = (b & c) | (~b & d); g = j; }
      else if (j < 32) { f = (d & b) | (~d & c); g = (5 * j + 1) % 16; }
      else if (j < 48) { f = b ^ c ^ d; g = (3 * j + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * j) % 16; }
      var x = (a + f + MD5_K[j] + words[i + g]) | 0;
      var r = MD5_S[(j >> 4) * 4 + (j % 4)];
      a = d; d = c; c = b;
      b = (b + ((x << r) | (x >>> (32 - r)))) | 0;
    }
    a = (a + aa) | 0; b = (b + bb) | 0; c = (c + cc) | 0; d = (d + dd) | 0;
  }
  var out = "", state = [a, b, c, d];
  for (i = 0; i < 16; i++) {
    var byte = (state[i >> 2] >>> ((i % 4) * 8)) & 255;
    out += (byte < 16 ? "0" : "") + byte.toString(16);
  }
  return out;
}
