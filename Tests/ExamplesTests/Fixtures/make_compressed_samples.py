#!/usr/bin/env python3
"""Writes sample.csv.bz2 and sample.csv.gz: 400 rows in the ASA Data Expo schema (deterministic), compressed by
Python's bz2 and gzip modules (libbzip2, zlib). The tests cut and corrupt copies of them for the bad-input cases.
Run: python3 make_compressed_samples.py
"""
import bz2, gzip, random

HEADER = ("Year,Month,DayofMonth,DayOfWeek,DepTime,CRSDepTime,ArrTime,CRSArrTime,UniqueCarrier,FlightNum,TailNum,"
          "ActualElapsedTime,CRSElapsedTime,AirTime,ArrDelay,DepDelay,Origin,Dest,Distance,TaxiIn,TaxiOut,Cancelled,"
          "CancellationCode,Diverted,CarrierDelay,WeatherDelay,NASDelay,SecurityDelay,LateAircraftDelay")
rng = random.Random(2007)
lines = [HEADER]
for i in range(400):
    month, day = 1 + i // 40, 1 + (i % 40) // 2
    arr, dep = rng.randint(-20, 90), rng.randint(-10, 80)
    lines.append(f"2007,{month},{day},{1 + i % 7},1205,1200,1410,1400,WN,{100 + i},N{700 + i}SW,125,120,110,"
                 f"{arr},{dep},SMF,LAS,397,4,11,0,,0,0,0,0,0,0")
data = ("\n".join(lines) + "\n").encode()
with open("sample.csv.bz2", "wb") as f:
    f.write(bz2.compress(data, 9))
with open("sample.csv.gz", "wb") as f:
    f.write(gzip.compress(data, 9, mtime=0))
