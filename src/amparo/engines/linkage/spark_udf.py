"""DuckDB's Jaro-Winkler for Spark, as a Java UDF in a small jar Amparo ships.

Splink's Spark jar has its own jaro_winkler, which differs from DuckDB's
jaro_winkler_similarity: it counts half transpositions where DuckDB counts whole
ones (rounded down), giving "RAMOS"/"ROSARIO" 0.665 against DuckDB's 0.736; on the
57,000 name pairs of a 60-family world it fell on the other side of the model's
0.88 and 0.92 thresholds three times. DuckDB also adds the Winkler boost with a
fused multiply-add (one rounding): exact 0.92s ("ABCDEFGHIJ"/"ACBDEFGHIJXY") are 0.92
there and one unit in the last place below without. JaroWinkler below gives
DuckDB's value bit for bit (Math.fma; lengths and characters as Unicode code
points, as both databases count them); the tests compare it with DuckDB.

A Java UDF rather than a SQL function: Spark inlines a SQL function at every call
(the model calls jaro_winkler ten times, and the optimizer copies the comparison
levels into the predict filter), which made code generation run out of memory, and
higher-order functions are interpreted at about 50 us a pair against about 1 us.

The jar is stored here, built from JAVA_SOURCE, so that a run needs a JVM only, not
a JDK. After changing JAVA_SOURCE, rebuild it (needs javac) and paste the output
over JAR_BASE64::

    python -c "from amparo.engines.linkage.spark_udf import build_jar_base64 as b; print(b())"

tests/engines/test_linkage_spark.py checks that JAR_BASE64 is what JAVA_SOURCE
compiles to, when the JDK at hand is the one recorded in JAVAC_VERSION.
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Final

from amparo.engines.linkage.config import LinkageError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = [
    "CLASS_NAME",
    "JAR_NAME",
    "JAVAC_VERSION",
    "JAVA_SOURCE",
    "build_jar_base64",
    "compile_class",
    "jar_bytes",
    "register_jaro_winkler",
    "stored_class",
    "write_jar",
]

CLASS_NAME: Final = "amparo.spark.JaroWinkler"
JAR_NAME: Final = "amparo-spark-udf.jar"
# The javac that built JAR_BASE64 (`javac -version`), with --release 17.
JAVAC_VERSION: Final = "javac 17.0.15"
_CLASS_PATH: Final = CLASS_NAME.replace(".", "/") + ".class"

JAVA_SOURCE: Final = """\
package amparo.spark;

import org.apache.spark.sql.api.java.UDF2;

/** DuckDB's jaro_winkler_similarity(a, b), bit for bit. */
public final class JaroWinkler implements UDF2<String, String, Double> {
    private static final long serialVersionUID = 1L;

    @Override
    public Double call(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        return similarity(a.codePoints().toArray(), b.codePoints().toArray());
    }

    public static double similarity(int[] a, int[] b) {
        int la = a.length;
        int lb = b.length;
        if (la == 0 || lb == 0) {
            return 0.0;
        }
        // Each character of a takes the first free equal character of b in the window.
        int window = Math.max(Math.max(la, lb) / 2 - 1, 0);
        boolean[] taken = new boolean[lb];
        int[] matched = new int[Math.min(la, lb)];
        int m = 0;
        for (int i = 0; i < la; i++) {
            int last = Math.min(lb - 1, i + window);
            for (int j = Math.max(0, i - window); j <= last; j++) {
                if (!taken[j] && b[j] == a[i]) {
                    taken[j] = true;
                    matched[m++] = a[i];
                    break;
                }
            }
        }
        if (m == 0) {
            return 0.0;
        }
        // Matched characters out of order; DuckDB counts t / 2 transpositions.
        int t = 0;
        int k = 0;
        for (int j = 0; j < lb; j++) {
            if (taken[j]) {
                if (b[j] != matched[k]) {
                    t++;
                }
                k++;
            }
        }
        double x = ((double) m / la + (double) m / lb + (double) (m - t / 2) / m) / 3.0;
        if (x <= 0.7) {
            return x;
        }
        int prefix = 0;
        int most = Math.min(4, Math.min(la, lb));
        while (prefix < most && a[prefix] == b[prefix]) {
            prefix++;
        }
        // DuckDB adds the boost with a fused multiply-add: one rounding.
        return Math.fma(prefix * 0.1, 1.0 - x, x);
    }
}
"""

# JAVA_SOURCE compiled by JAVAC_VERSION (build_jar_base64).
JAR_BASE64: Final = (
    "UEsDBBQAAAAIAAAAIVCyfwLuGwAAABkAAAAUAAAATUVUQS1JTkYvTUFOSUZFU1QuTUbzTczLTEstLtENSy0qzszP"
    "s1Iw1DPg5eLlAgBQSwMEFAAAAAgAAAAhULUr4Xc4BAAAnAYAAB4AAABhbXBhcm8vc3BhcmsvSmFyb1dpbmtsZXIu"
    "Y2xhc3ONVM9PHFUc/7zdnX2zw+yylh270F1qodT9gbvSKrZsgVK26CKICS0auTgsA50yO0NnZ5t6MPFA5GJMjIkR"
    "EmODhya9FC8IhhDjQRMP/gdePHhpYuJRU1q/b8D+okZfZt73ve/7vO+Pz/u+99O9b3cA9GNMQQBBjpAKCWGG+BX9"
    "ml60dHu+ODFzxah6DOGzpm16AwzBTHZKgYwIh6KiCepj8EnPNe15BqXqzBpvOqbt1RnaM9kxH9LwTKtY91xDrxUr"
    "tjfpj0pNiKGZI67iGRxiaPt3KAP3nCHX1d9jCGWy0xUFCWgcz6o4jCRDUq8t6q5TrFO/UByl4VumvWAZLgVUN2um"
    "pbumR3t5ZroyXcmWFbThCEdKRRrtj+VRdhozlkHIa7rVMCbmGLRMeT+LRwAlBc/hGEeHik4cZ4g9BIzr3mViq6Zf"
    "Z5AylUq2IrAnVDwvgMGaaYfPyfBbePC3Ob+FB7dWRFsV0KKKF9FD0LmaTvxnyuWyiDiBUypewsvEQFW3LIbTmbEn"
    "+S8d1Dwldo5XGDocd76oL+rVy8Y+bfWrFinMoo+/VB45ScTUDdfUrSnDrZuOfalSZmCjDNFhx657uu1NCZKkvWTA"
    "KLJhOn2G5jHTNt5o1GYM96Lu0xmd9PTqwri+6M85hhgC0xWOYSHfeSKXvdIrHdRkD6rogC9crxqLHsVX53iVoeUh"
    "5sEKQ2TSnLd1r+FSMPZTfP03G2f/D9sHyR4QIU46DbdqjJiCivgj5VkQcPTQ2QbA0Et/G07jDMk+IjSAEkI0pqtJ"
    "fT9p0iQZSSn3DdjXgnMMiDrylaKn+tiHjoubTbIz/wN494+Q2Hp+A3wLUYbufwabaNlE67rvSxiK+Vua6JarUGg2"
    "SLMQAjLxJy7anulAlFzFyHdXbqc/vzOQWgFPr0KK3U6lN3FUskKzQZK9ofR2qE8Suq5tpS8c7OXBXlmTU2uYSodm"
    "NVkLvUtLvZGgGM6KHYqmaJGv0NMqacqpVQpdUwo5TS7cQFKoQhdbwxpf4kzoJm4isqSwm/d/XpKpv6VxPwRyESST"
    "wlR6DZ2+pRVowhJtjhS+RJjwSxHm7/1F48upZYf69LJT1bgmS9bsMk2dagIZ54ySVBLIff4FwkmFTKvcz0ZEHdVU"
    "LbqGRE5TC3n6b1A0Klm8o6nLCXQvNCeV+aSyicLtB+R+TE8FcIgobiECE0ShhjiRehStOE4H/wKO0MVP0fGnMYJ2"
    "vE0rC/QeXMUxvI8OfEC6D2n9I5zAJ/SafIocPkMeK+jGGu2+hQI2UMQWFdQ26b6naviV6uEOFdbvVFZ/kOW76GMx"
    "lFiCIhKHex7Nu4gxxu6TA3rZz9FHM47z/gDYRZqxwp+Q/oIUvgeZFlMBGt9FPrhLJcQOx4fIT5lyFFXXRdmJEorm"
    "8t9B7qZ/AyfXDxTqBb+uGKUZwGs+QRWM+vL1vwFQSwECFAMUAAAACAAAACFQsn8C7hsAAAAZAAAAFAAAAAAAAAAA"
    "AAAAgAEAAAAATUVUQS1JTkYvTUFOSUZFU1QuTUZQSwECFAMUAAAACAAAACFQtSvhdzgEAACcBgAAHgAAAAAAAAAA"
    "AAAAgAFNAAAAYW1wYXJvL3NwYXJrL0phcm9XaW5rbGVyLmNsYXNzUEsFBgAAAAACAAIAjgAAAMEEAAAAAA=="
)

# A fixed time for the jar's entries, so that the same class gives the same jar.
_ZIP_TIME: Final = (2020, 1, 1, 0, 0, 0)


def _jar(class_file: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as jar:
        manifest = zipfile.ZipInfo("META-INF/MANIFEST.MF", _ZIP_TIME)
        jar.writestr(manifest, "Manifest-Version: 1.0\r\n\r\n", zipfile.ZIP_DEFLATED)
        entry = zipfile.ZipInfo(_CLASS_PATH, _ZIP_TIME)
        jar.writestr(entry, class_file, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def jar_bytes() -> bytes:
    """The stored jar."""
    return base64.b64decode(JAR_BASE64)


def stored_class() -> bytes:
    """The class file inside the stored jar."""
    with zipfile.ZipFile(io.BytesIO(jar_bytes())) as jar:
        return jar.read(_CLASS_PATH)


def write_jar(folder: Path) -> Path:
    """Write the stored jar into `folder` (named by its content); returns its path."""
    data = jar_bytes()
    path = folder / f"amparo-spark-udf-{hashlib.sha256(data).hexdigest()[:12]}.jar"
    if not path.exists():
        path.write_bytes(data)
    elif path.read_bytes() != data:
        raise LinkageError(f"{path} is not Amparo's jar (its content differs): remove it")
    return path


def compile_class() -> bytes:
    """JAVA_SOURCE compiled with the javac on PATH against pyspark's jars."""
    import pyspark

    javac = shutil.which("javac")
    if javac is None:
        raise LinkageError("building the Spark UDF jar needs a JDK (javac on PATH)")
    jars = Path(pyspark.__file__).parent / "jars"
    with tempfile.TemporaryDirectory(prefix="amparo-javac-") as work:
        source = Path(work, "src", *CLASS_NAME.split(".")[:-1], "JaroWinkler.java")
        source.parent.mkdir(parents=True)
        source.write_text(JAVA_SOURCE, encoding="utf-8")
        out = Path(work, "classes")
        subprocess.run(  # noqa: S603 - fixed arguments
            [javac, "--release", "17", "-cp", f"{jars}/*", "-d", str(out), str(source)],
            check=True,
            capture_output=True,
        )
        return out.joinpath(_CLASS_PATH).read_bytes()


def build_jar_base64() -> str:
    """The jar of JAVA_SOURCE, as JAR_BASE64 stores it."""
    return base64.b64encode(_jar(compile_class())).decode("ascii")


def register_jaro_winkler(spark: SparkSession, name: str = "jaro_winkler") -> None:
    """Register JaroWinkler as the SQL function `name` in `spark`; the session must
    have the jar (spark.jars, or added with addJar)."""
    from pyspark.sql.types import DoubleType

    try:
        spark.udf.registerJavaFunction(name, CLASS_NAME, DoubleType())
    except Exception as error:  # py4j and Spark raise several kinds
        raise LinkageError(
            f"could not load {CLASS_NAME}: add Amparo's jar to the session's spark.jars "
            "(amparo.engines.linkage.spark_udf.write_jar writes it)"
        ) from error
