# time.process_time(): the process's CPU time in float seconds. It grows while
# the process computes and, for one thread, never outgrows the wall clock.
import time

wall0 = time.perf_counter()
cpu0 = time.process_time()
print(type(cpu0).__name__, cpu0 >= 0.0)
total = 0
for i in range(300000):
    total += i % 7
cpu1 = time.process_time()
wall1 = time.perf_counter()
print(total)
print("cpu time increased:", cpu1 > cpu0)
print("cpu time within wall time:", cpu1 - cpu0 <= (wall1 - wall0) + 0.01)
